package rpcbench.report;

import java.util.List;
import java.util.Objects;

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
        if (all.stream().mapToInt(JmhRecord::threads).distinct().count() >= 2) {
            XYChart calls = Charts.xyChart(name + ": clients against throughput", "client threads (log scale)",
                    "operations/s, all threads (log scale)");
            Charts.series(calls, all, JmhRecord::threads, SweepCharts::opsPerSecond);
            charts.add(Charts.png(Charts.fileName("clients-throughput", name), calls));
            if (!all.get(0).percentiles().isEmpty()) {
                XYChart p99 = Charts.xyChart(name + ": clients against p99 latency", "client threads (log scale)",
                        "p99 " + all.get(0).primary().unit() + " (log scale)");
                Charts.series(p99, all, JmhRecord::threads, r -> r.percentile(99));
                charts.add(Charts.png(Charts.fileName("clients-p99", name), p99));
            }
        }
        return charts;
    }

    private static Charts.Png bySize(String name, String sizeParam, List<JmhRecord> records, String what,
            String unit, java.util.function.ToDoubleFunction<JmhRecord> y) {
        XYChart chart = Charts.xyChart(name + ": " + sizeParam + " against " + what, sizeParam + " in bytes (log scale)",
                unit + " (log scale)");
        Charts.series(chart, records, r -> Double.parseDouble(r.params().get(sizeParam)), y);
        return Charts.png(Charts.fileName(unit.equals(Rate.MB_PER_S) ? "rate" : "time", name), chart);
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
