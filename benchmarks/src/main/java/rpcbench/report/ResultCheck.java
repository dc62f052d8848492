package rpcbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks that a JMH JSON result holds a finite score for every benchmark and every transport, with
 * as many parameter combinations per transport as the best-covered transport has. A benchmark
 * that failed for one transport leaves a hole there, which this finds; CI's smoke run uses it.
 */
public final class ResultCheck {

    private static final String NO_TRANSPORT = "(none)";

    private ResultCheck() {
    }

    /**
     * Returns one line per hole; empty when every expected benchmark has a score for every transport.
     *
     * @param benchmarks fully qualified benchmark method names that must be present
     * @param transports transport names that must be present for each benchmark
     */
    public static List<String> holes(Path file, Collection<String> benchmarks, Collection<String> transports)
            throws BadResultFile {
        // benchmark -> transport -> count of records with a finite score
        Map<String, Map<String, Integer>> scored = new TreeMap<>();
        for (JmhRecord record : JmhResults.read(file)) {
            if (Double.isFinite(record.primary().score())) {
                String transport = record.params().getOrDefault("transport", NO_TRANSPORT);
                scored.computeIfAbsent(record.benchmark(), b -> new TreeMap<>()).merge(transport, 1, Integer::sum);
            }
        }
        List<String> holes = new ArrayList<>();
        SortedSet<String> expected = new TreeSet<>(benchmarks);
        expected.addAll(scored.keySet());
        for (String benchmark : expected) {
            Map<String, Integer> perTransport = scored.getOrDefault(benchmark, Map.of());
            if (perTransport.size() == 1 && perTransport.containsKey(NO_TRANSPORT)) {
                continue; // a benchmark without a transport (CodecBenchmark) has scores: nothing to compare
            }
            int most = perTransport.values().stream().max(Integer::compare).orElse(1);
            for (String transport : transports) {
                int have = perTransport.getOrDefault(transport, 0);
                if (have < most) {
                    holes.add(benchmark + " over " + transport + ": " + have + " of " + most + " scores");
                }
            }
        }
        return holes;
    }

    /** One line per result whose ·failedCalls secondary metric (see CostProfiler) is above zero. */
    public static List<String> failedCalls(Path file) throws BadResultFile {
        List<String> lines = new ArrayList<>();
        for (JmhRecord record : JmhResults.read(file)) {
            double failed = record.secondaryScore("·failedCalls");
            if (failed > 0) {
                lines.add(record.benchmark() + " " + record.params() + " with " + record.threads() + " threads: "
                        + (long) failed + " of " + (long) record.secondaryScore("·calls") + " calls failed");
            }
        }
        return lines;
    }
}
