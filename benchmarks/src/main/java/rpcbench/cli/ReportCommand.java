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
        + " (faster, slower, no difference) from JMH's error bars and a smallest change (--min-change).",
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

    @Option(names = "--min-change", paramLabel = "FRACTION", defaultValue = "0.05", description = "the smallest"
            + " relative difference against the baseline that counts as a change, besides disjoint error bars"
            + " (default: ${DEFAULT-VALUE}, 5%)")
    double minChange;

    @Override
    public Integer call() {
        if (!(minChange >= 0 && minChange < 1)) {
            System.err.println("report: --min-change " + minChange + " is not a fraction in 0..1 (0.05 is 5%)");
            return Cli.EXIT_BAD_INPUT;
        }
        return Reports.report(results, baselines, out == null ? Reports.besideResult(results.get(0), "-report") : out,
                minChange);
    }
}
