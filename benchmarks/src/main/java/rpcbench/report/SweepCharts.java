package rpcbench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;

/**
 * Charts across the groups of one benchmark: payload size against time and MB/s (log-log), and
 * client threads against throughput and p99. Drawn only where the run swept that dimension.
 */
final class SweepCharts {

    private SweepCharts() {
    }

    static List<Charts.Png> of(List<Groups.Group> groups) {
        String name = groups.get(0).shortName();
        List<JmhRecord> all = groups.stream().flatMap(g -> g.transports().stream()).toList();
        int fewestThreads = all.stream().mapToInt(JmhRecord::threads).min().orElse(1);
        List<JmhRecord> single = all.stream().filter(r -> r.threads() == fewestThreads).toList();
        String sizeParam = single.get(0).params().containsKey("size") ? "size" : "fileSize";
        List<Charts.Png> charts = new java.util.ArrayList<>();
        if (single.stream().map(r -> r.params().get(sizeParam)).filter(Objects::nonNull).distinct().count() >= 2
                && Double.isFinite(Numbers.secondsPerOp(single.get(0).primary()))) {
            charts.add(bySize(name, sizeParam, single, "time per operation", "us/op",
                    r -> Numbers.secondsPerOp(r.primary()) * 1e6));
            charts.add(bySize(name, sizeParam, single, "throughput", Rate.MB_PER_S,
                    r -> Rate.of(r) == null ? Double.NaN : Rate.of(r).value()));
        }
        List<Integer> threads = all.stream().map(JmhRecord::threads).distinct().sorted().toList();
        if (threads.size() >= 2) {
            charts.add(byThreads(name, threads, all, "throughput", "operations/s, all threads", SweepCharts::opsPerSecond));
            if (!all.get(0).percentiles().isEmpty()) {
                charts.add(byThreads(name, threads, all, "p99 latency", "p99 " + all.get(0).primary().unit(),
                        r -> r.percentile(99)));
            }
        }
        return charts;
    }

    private static Charts.Png bySize(String name, String sizeParam, List<JmhRecord> records, String what,
            String unit, ToDoubleFunction<JmhRecord> y) {
        XYChart chart = Charts.xyChart(name + ": " + sizeParam + " against " + what, sizeParam + " in bytes (log scale)",
                unit + " (log scale)");
        Charts.series(chart, records, r -> Double.parseDouble(r.params().get(sizeParam)), y);
        return Charts.png(Charts.fileName(unit.equals(Rate.MB_PER_S) ? "rate" : "time", name), chart);
    }

    /**
     * Client threads as evenly spaced categories (a sweep like 1, 4, 16 is geometric, so this reads
     * as a log scale and every count keeps its label), one line per transport.
     */
    private static Charts.Png byThreads(String name, List<Integer> threads, List<JmhRecord> records, String what,
            String unit, ToDoubleFunction<JmhRecord> y) {
        CategoryChart chart = Charts.categoryChart(name + ": clients against " + what, "client threads",
                unit + " (log scale)");
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true); // a line per transport through the same x positions
        Map<String, Map<Integer, Double>> byTransport = new LinkedHashMap<>();
        records.forEach(r -> byTransport.computeIfAbsent(r.transport(), t -> new LinkedHashMap<>())
                .put(r.threads(), y.applyAsDouble(r)));
        byTransport.forEach((t, values) -> chart.addSeries(t, threads.stream().map(String::valueOf).toList(),
                threads.stream().map(values::get).toList()));
        Charts.logY(chart);
        return Charts.png(Charts.fileName("clients-" + (what.startsWith("p99") ? "p99" : "throughput"), name), chart);
    }

    /**
     * Operations per second over all threads: JMH's throughput score already is; a time per
     * operation is per thread, so threads / time (closed loop: each thread waits for its answer).
     */
    static double opsPerSecond(JmhRecord r) {
        double ops = Numbers.opsPerSecond(r.primary());
        return Double.isFinite(ops) ? ops : r.threads() / Numbers.secondsPerOp(r.primary());
    }
}
