package rpcbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import rpcbench.bench.OpenLoopBenchmark;
import rpcbench.bench.Workload;
import rpcbench.report.BadResultFile;
import rpcbench.report.JmhRecord;
import rpcbench.report.JmhResults;
import rpcbench.report.ResultCheck;

/** {@code check RESULT.json}: is every benchmark there over every transport that can run it, with no failed call? */
@Command(name = "check", mixinStandardHelpOptions = true, description = {"Checks that a result has a score for every benchmark of this jar over"
        + " every transport that can run it, and no failed call.",
        "A rate run whose schedule fell behind is named as a warning (it is not the load asked for; the report"
        + " marks it) and fails only with --fail-behind.",
        "Exit 0 when complete, 1 when scores are missing or calls failed (each named), 2 when the file is missing"
        + " or not JMH JSON."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULT.json", description = "a JMH JSON result")
    Path result;

    @Option(names = "--benchmarks", paramLabel = "REGEX", description = "benchmarks that must be there, as JMH"
            + " selects them (default: those of the default run, and every other one the file has)")
    String benchmarks;

    @Option(names = "--transports", split = ",", paramLabel = "NAME",
            description = "transports that must be there (default: every transport on the class path)")
    List<String> transports;

    @Option(names = "--fail-behind", description = "a rate run whose schedule fell behind fails the check too"
            + " (for a machine known to keep up; by default it is a warning)")
    boolean failBehind;

    @Override
    public Integer call() {
        List<String> names = Cli.transports(transports);
        List<Workload> expected = new ArrayList<>(benchmarks == null ? Workload.defaultRun()
                : RunPlan.selected(List.of(benchmarks), List.of()));
        try {
            for (JmhRecord r : JmhResults.read(result)) {
                Workload w = Workload.byBenchmark(r.benchmark());
                if (w != null && !expected.contains(w)) {
                    expected.add(w); // a benchmark run by name (the load benchmarks) is checked too
                }
            }
        } catch (BadResultFile e) {
            System.err.println("check: " + e.getMessage());
            return Cli.EXIT_BAD_INPUT;
        }
        return check(result, expected, List.of(), names, failBehind);
    }

    /**
     * Open-loop results at a rate whose achieved rate fell short of the offered one by more than
     * the tolerance: the load was not the one asked for, so the figure is not a result.
     */
    static List<String> fellBehind(Path result) throws BadResultFile {
        List<String> lines = new ArrayList<>();
        for (JmhRecord r : JmhResults.read(result)) {
            double offered = r.secondaryScore("·rate.offered");
            double achieved = r.secondaryScore("·rate.achieved");
            if (Workload.byBenchmark(r.benchmark()) == Workload.RATE && offered > 0
                    && achieved < (1 - OpenLoopBenchmark.TOLERANCE) * offered) {
                lines.add(String.format(java.util.Locale.ROOT, "%s %s: offered %.0f calls/s, achieved %.0f",
                        r.shortName(), r.params(), offered, achieved));
            }
        }
        return lines;
    }

    /** Prints what the check found; returns the exit code. */
    static int check(Path result, List<Workload> workloads, List<String> transports) {
        return check(result, workloads, List.of(), transports, false);
    }

    /**
     * As above, and the jar's own benchmarks outside the catalogue ({@code own}, full names) must have
     * a score over every one of {@code transports}. A schedule that fell behind is a warning unless
     * {@code failBehind}: whether a machine keeps up with a rate is a measurement, and a smoke run's
     * 200 ms cold iteration need not (gRPC's first calls take tens of ms).
     */
    static int check(Path result, List<Workload> workloads, List<String> own, List<String> transports,
            boolean failBehind) {
        try {
            List<String> problems = new ArrayList<>();
            Map<Workload, List<String>> able = RunPlan.transportsOf(workloads, transports);
            List<String> benchmarks = workloads.stream().map(Workload::benchmark).toList();
            for (Map.Entry<Workload, List<String>> e : able.entrySet()) {
                // holes() also expects every other benchmark found in the file over these
                // transports: only this workload's holes count here.
                String name = e.getKey().benchmark();
                ResultCheck.holes(result, List.of(name), e.getValue()).stream()
                        .filter(h -> h.startsWith(name + " "))
                        .forEach(h -> problems.add("missing score: " + h));
            }
            for (String name : own) {
                ResultCheck.holes(result, List.of(name), transports).stream()
                        .filter(h -> h.startsWith(name + " "))
                        .forEach(h -> problems.add("missing score: " + h));
            }
            ResultCheck.failedCalls(result).forEach(f -> problems.add("failed calls: " + f));
            List<String> behind = fellBehind(result);
            if (failBehind) {
                behind.forEach(f -> problems.add("schedule fell behind: " + f));
            } else {
                behind.forEach(f -> System.err.println("check: warning: schedule fell behind (not the load asked for): " + f));
            }
            if (problems.isEmpty()) {
                System.out.println("check: " + result + " has scores for " + (benchmarks.size() + own.size()) + " benchmarks over "
                        + transports.size() + " transports (each over those that can run it), and no failed call");
                return 0;
            }
            problems.forEach(p -> System.err.println("check: " + p));
            return Cli.EXIT_RUN_FAILED;
        } catch (BadResultFile e) {
            System.err.println("check: " + e.getMessage());
            return Cli.EXIT_BAD_INPUT;
        }
    }
}
