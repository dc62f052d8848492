package rpcbench.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import rpcbench.api.Transports;
import rpcbench.report.BadResultFile;
import rpcbench.report.ResultCheck;

/**
 * {@code check RESULT.json [--transports a,b]}: exits 0 when the result has a score for every
 * benchmark in this jar and every transport (default: all on the class path), 1 when some are
 * missing (each named on its own line), 2 when the file is missing or not JMH JSON.
 */
final class CheckCommand {

    private CheckCommand() {
    }

    static int run(String[] args) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--transports"))) {
            System.err.println("usage: check RESULT.json [--transports NAME,NAME...]");
            return Main.EXIT_BAD_INPUT;
        }
        List<String> transports;
        try {
            transports = args.length == 3 ? Arrays.asList(args[2].split(",")) : Transports.names();
            transports.forEach(Transports::byName);
        } catch (IllegalArgumentException e) {
            System.err.println("check: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        return check(Path.of(args[0]), benchmarks(List.of(), List.of()), transports);
    }

    /** The names of this jar's benchmarks that JMH would run for these include/exclude patterns. */
    static SortedSet<String> benchmarks(List<String> includes, List<String> excludes) {
        SortedSet<String> names = new TreeSet<>();
        List<String> patterns = includes.isEmpty() ? List.of(".*") : includes;
        for (BenchmarkListEntry entry : BenchmarkList.defaultList()
                .find(OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), patterns, excludes)) {
            names.add(entry.getUsername());
        }
        return names;
    }

    /**
     * Prints what the check found; returns the exit code. InFlightBenchmark is expected only over
     * transports with a native async API; any failed call counted in a result is a failure too.
     */
    static int check(Path result, SortedSet<String> benchmarks, List<String> transports) {
        try {
            SortedSet<String> inFlight = new TreeSet<>();
            benchmarks.stream().filter(b -> b.startsWith(InFlightBenchmark.class.getName())).forEach(inFlight::add);
            SortedSet<String> others = new TreeSet<>(benchmarks);
            others.removeAll(inFlight);
            List<String> problems = new ArrayList<>();
            // holes() also expects every benchmark found in the file over every transport, which
            // InFlightBenchmark never is: its holes are checked over the async transports below.
            ResultCheck.holes(result, others, transports).stream()
                    .filter(h -> !h.startsWith(InFlightBenchmark.class.getName()))
                    .forEach(h -> problems.add("missing score: " + h));
            if (!inFlight.isEmpty()) {
                List<String> async = transports.stream()
                        .filter(t -> !RunPlan.withoutAsyncCalls(List.of(t)).containsKey(t)).toList();
                ResultCheck.holes(result, inFlight, async).forEach(h -> problems.add("missing score: " + h));
            }
            ResultCheck.failedCalls(result).forEach(f -> problems.add("failed calls: " + f));
            if (problems.isEmpty()) {
                System.out.println("check: " + result + " has scores for " + benchmarks.size() + " benchmarks x "
                        + transports.size() + " transports, and no failed call");
                return 0;
            }
            problems.forEach(p -> System.err.println("check: " + p));
            return Main.EXIT_RUN_FAILED;
        } catch (BadResultFile e) {
            System.err.println("check: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
    }
}
