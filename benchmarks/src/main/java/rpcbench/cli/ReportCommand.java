package rpcbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import rpcbench.report.Reports;

/** {@code report RESULT.json ... [--baseline BASE.json ...] [--out DIR]}. */
@Command(name = "report", mixinStandardHelpOptions = true, description = {"Prints the summary of JMH JSON results"
        + " and writes report.md, a self-contained report.html and PNG charts; with --baseline, a verdict per row"
        + " (faster, slower, no difference) from JMH's error bars.",
        "Exit 0 when written, 2 on bad input (one line naming the file and the problem; nothing written), 1 when"
        + " the folder cannot be written."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RESULT.json", description = "results; several are merged")
    List<Path> results = new ArrayList<>();

    @Option(names = "--baseline", arity = "1..*", paramLabel = "BASE.json", description = "results to compare with")
    List<Path> baselines = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "the report folder (default: NAME-report beside the"
            + " first result); an existing folder is replaced only when it holds nothing but a report")
    Path out;

    @Override
    public Integer call() {
        return Reports.report(results, baselines, out == null ? Reports.besideResult(results.get(0), "-report") : out);
    }
}
