package rpcbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How much warm-up a benchmark needs, read from a run without warm-up and with many short
 * measurement iterations ({@code -wi 0 -i 20 -r 1s}): per record, each iteration's score (for
 * SampleTime, the iteration's median) and the first iteration from which every later one stays
 * within {@code tolerance} of the median of the last half. Time before it is what warm-up must cover.
 */
public final class WarmupStudy {

    /** One record's iterations and where its steady state begins (0-based; -1 when it never settles). */
    public record Row(String benchmark, String params, double[] iterations, int steadyFrom, double steadyScore) {
    }

    private WarmupStudy() {
    }

    public static List<Row> of(Path result, double tolerance) throws BadResultFile {
        JsonNode root = JmhResults.readJson(result);
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new BadResultFile(result + ": not JMH JSON output (expected a list of benchmark results)");
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : root) {
            double[] it = iterations(r.path("primaryMetric"));
            if (it.length < 4) {
                throw new BadResultFile(result + ": " + r.path("benchmark").asText() + " has " + it.length
                        + " iteration(s); a warm-up study needs many (for example -wi 0 -i 20 -r 1s)");
            }
            double[] tail = Arrays.copyOfRange(it, it.length / 2, it.length);
            double steady = median(tail);
            int from = it.length;
            while (from > 0 && Math.abs(it[from - 1] - steady) <= tolerance * steady) {
                from--;
            }
            rows.add(new Row(r.path("benchmark").asText(), r.path("params").toString(), it,
                    from == it.length ? -1 : from, steady));
        }
        return rows;
    }

    /** Iteration scores of the first fork: rawData, or each iteration's median from rawDataHistogram. */
    private static double[] iterations(JsonNode primary) {
        JsonNode raw = primary.path("rawData");
        if (raw.isArray() && raw.size() > 0) {
            JsonNode fork = raw.get(0);
            double[] v = new double[fork.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = fork.get(i).asDouble();
            }
            return v;
        }
        JsonNode histograms = primary.path("rawDataHistogram");
        if (!histograms.isArray() || histograms.isEmpty()) {
            return new double[0];
        }
        JsonNode fork = histograms.get(0);
        double[] v = new double[fork.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = histogramMedian(fork.get(i));
        }
        return v;
    }

    private static double histogramMedian(JsonNode pairs) {
        long total = 0;
        for (JsonNode p : pairs) {
            total += p.get(1).asLong();
        }
        long seen = 0;
        for (JsonNode p : pairs) {
            seen += p.get(1).asLong();
            if (seen * 2 >= total) {
                return p.get(0).asDouble();
            }
        }
        return Double.NaN;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The rows as text: steady from which iteration, the steady score, and every iteration. */
    public static String text(List<Row> rows, double tolerance) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "steady = first iteration after which every one stays within %.0f%% of the median of the last half%n",
                tolerance * 100));
        for (Row r : rows) {
            String name = r.benchmark().substring(r.benchmark().lastIndexOf('.', r.benchmark().lastIndexOf('.') - 1) + 1);
            out.append(String.format(Locale.ROOT, "%-40s %-60s steady from %s, score %s%n    ", name, r.params(),
                    r.steadyFrom() < 0 ? "never" : "iteration " + (r.steadyFrom() + 1), Numbers.format(r.steadyScore())));
            for (double v : r.iterations()) {
                out.append(Numbers.format(v)).append(' ');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
