package rpcbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run against a baseline run: one row per benchmark, parameters and threads present in both, with
 * both scores, their ratio and a verdict: a result is faster or slower only when JMH's two 99.9%
 * confidence intervals do not overlap and the scores differ by more than {@code minChange} (5% by
 * default). One fork's interval covers the noise of its own iterations but not the run-to-run
 * variation between forks, so disjoint intervals alone called noise a change: two identical default
 * runs back to back differ by a few percent on some rows (docs/results.md has the measured A/A figures).
 */
final class Comparison {

    static final String FASTER = "faster";
    static final String SLOWER = "slower";
    static final String SAME = "no difference";
    static final String UNKNOWN = "unknown (no error bars)";
    /** Smallest relative difference that counts as a change, by default. */
    static final double MIN_CHANGE = 0.05;

    private Comparison() {
    }

    /** The comparison table; throws when the baseline shares no record with the results. */
    static Table table(List<JmhRecord> results, List<JmhRecord> baseline, List<Path> baselineFiles, double minChange)
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
                        verdict(before, candidate, minChange)));
            }
        }
        if (rows.isEmpty()) {
            throw new BadResultFile(String.join(", ", baselineFiles.stream().map(Path::toString).toList())
                    + ": the baseline has no benchmark with the same parameters and threads as the results");
        }
        long same = rows.stream().filter(r -> r.get(6).equals(SAME)).count();
        return new Table("Against the baseline " + String.join(", ", baselineFiles.stream().map(Path::toString).toList())
                + ": " + same + " of " + rows.size() + " rows " + SAME,
                "ratio = candidate / baseline score; a change only where JMH's 99.9% confidence intervals are disjoint"
                        + " and the scores differ by more than " + Math.round(minChange * 100) + "%",
                List.of("benchmark", "params", "threads", "baseline", "candidate", "ratio", "verdict"), rows);
    }

    static double ratio(JmhRecord before, JmhRecord after) {
        return after.primary().score() / before.primary().score();
    }

    /**
     * Faster or slower only when the intervals [score - error, score + error] are disjoint and the
     * scores differ by more than {@code minChange} of the baseline's.
     */
    static String verdict(JmhRecord before, JmhRecord after, double minChange) {
        JmhRecord.Metric b = before.primary();
        JmhRecord.Metric a = after.primary();
        if (!b.hasError() || !a.hasError()) {
            return UNKNOWN;
        }
        boolean above = a.score() - a.error() > b.score() + b.error();
        boolean below = a.score() + a.error() < b.score() - b.error();
        if (!above && !below || Math.abs(a.score() - b.score()) <= minChange * Math.abs(b.score())) {
            return SAME;
        }
        return above == after.higherIsBetter() ? FASTER : SLOWER;
    }
}
