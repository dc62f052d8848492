package rpcbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run against a baseline run: one row per benchmark, parameters and threads present in both, with
 * both scores, their ratio and a verdict from JMH's 99.9% confidence intervals: a result is faster
 * or slower only when the two intervals do not overlap.
 */
final class Comparison {

    static final String FASTER = "faster";
    static final String SLOWER = "slower";
    static final String SAME = "no difference";
    static final String UNKNOWN = "unknown (no error bars)";

    private Comparison() {
    }

    /** The comparison table; throws when the baseline shares no record with the results. */
    static Table table(List<JmhRecord> results, List<JmhRecord> baseline, List<Path> baselineFiles)
            throws BadResultFile {
        Map<String, JmhRecord> base = new LinkedHashMap<>();
        baseline.forEach(r -> base.put(Groups.identity(r), r));
        List<List<String>> rows = new ArrayList<>();
        for (JmhRecord candidate : results) {
            JmhRecord before = base.get(Groups.identity(candidate));
            if (before != null) {
                rows.add(List.of(candidate.shortName(), candidate.params().isEmpty() ? "-" : candidate.params().toString(),
                        Integer.toString(candidate.threads()), Numbers.withError(before.primary()),
                        Numbers.withError(candidate.primary()), Numbers.format(ratio(before, candidate)),
                        verdict(before, candidate)));
            }
        }
        if (rows.isEmpty()) {
            throw new BadResultFile(String.join(", ", baselineFiles.stream().map(Path::toString).toList())
                    + ": the baseline has no benchmark with the same parameters and threads as the results");
        }
        return new Table("Against the baseline " + String.join(", ", baselineFiles.stream().map(Path::toString).toList()),
                "ratio = candidate / baseline score; verdict from JMH's 99.9% confidence intervals",
                List.of("benchmark", "params", "threads", "baseline", "candidate", "ratio", "verdict"), rows);
    }

    static double ratio(JmhRecord before, JmhRecord after) {
        return after.primary().score() / before.primary().score();
    }

    /** Faster or slower only when the intervals [score - error, score + error] are disjoint. */
    static String verdict(JmhRecord before, JmhRecord after) {
        JmhRecord.Metric b = before.primary();
        JmhRecord.Metric a = after.primary();
        if (!b.hasError() || !a.hasError()) {
            return UNKNOWN;
        }
        boolean above = a.score() - a.error() > b.score() + b.error();
        boolean below = a.score() + a.error() < b.score() - b.error();
        if (!above && !below) {
            return SAME;
        }
        return above == after.higherIsBetter() ? FASTER : SLOWER;
    }
}
