package rpcbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import rpcbench.report.BadResultFile;
import rpcbench.report.WarmupStudy;

/** {@code warmup RESULT.json [--tolerance 0.05]}. */
@Command(name = "warmup", mixinStandardHelpOptions = true, description = {"How much warm-up each benchmark needs:"
        + " from a run without warm-up and many short iterations (e.g. -wi 0 -i 20 -r 1s), the first iteration"
        + " from which every later one stays within the tolerance of the steady score."})
final class WarmupCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULT.json", description = "a JMH JSON result with many iterations per record")
    Path result;

    @Option(names = "--tolerance", paramLabel = "FRACTION", defaultValue = "0.05",
            description = "how close to the steady score counts as steady (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Override
    public Integer call() {
        if (!(tolerance > 0 && tolerance < 1)) {
            System.err.println("warmup: --tolerance " + tolerance + " is not a fraction between 0 and 1");
            return Cli.EXIT_BAD_INPUT;
        }
        try {
            System.out.print(WarmupStudy.text(WarmupStudy.of(result, tolerance), tolerance));
            return Cli.EXIT_OK;
        } catch (BadResultFile e) {
            System.err.println("warmup: " + e.getMessage());
            return Cli.EXIT_BAD_INPUT;
        }
    }
}
