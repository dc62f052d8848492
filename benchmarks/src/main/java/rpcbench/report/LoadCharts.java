package rpcbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * The charts of the open-loop load results: corrected p99 against achieved rate per transport (the
 * hockey stick), the percentile spectrum at each rate (HdrHistogram's plot: percentiles on a log
 * axis of 1/(1-p), to p99.999), and capacity and capacity per server CPU-second side by side.
 */
final class LoadCharts {

    /** The spectrum's percentiles, as JMH writes them (p0 and the maximum have no place on its axis). */
    private static final double[] SPECTRUM = {50, 90, 95, 99, 99.9, 99.99, 99.999};

    private LoadCharts() {
    }

    static List<Charts.Png> draw(List<JmhRecord> load) {
        List<Charts.Png> charts = new ArrayList<>();
        Map<String, List<JmhRecord>> rate = new LinkedHashMap<>();
        Map<String, List<JmhRecord>> capacity = new LinkedHashMap<>();
        for (JmhRecord r : load) {
            boolean isCapacity = r.shortName().startsWith("CapacityBenchmark");
            String key = LoadTables.setting(r) + (isCapacity ? "" : ", connections=" + r.params().get("connections"));
            (isCapacity ? capacity : rate).computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        rate.forEach((setting, records) -> {
            charts.add(hockeyStick(setting, records));
            Map<String, List<JmhRecord>> byRate = new LinkedHashMap<>();
            records.forEach(r -> byRate.computeIfAbsent(r.params().get("rate"), k -> new ArrayList<>()).add(r));
            byRate.forEach((r, same) -> charts.add(spectrum(setting + ", rate=" + r, same)));
        });
        capacity.forEach((setting, records) -> {
            charts.add(capacityBars(setting, records, "capacity", "calls/s", r -> r.primary().score()));
            charts.add(capacityBars(setting, records, "calls per server CPU-second", "calls per CPU-s",
                    LoadTables::perServerCpuSecond));
        });
        return charts;
    }

    private static Charts.Png hockeyStick(String setting, List<JmhRecord> records) {
        XYChart chart = Charts.xyChart("RateBenchmark " + setting + ": p99 against load",
                "calls/s answered (log scale)", "corrected p99 in us (log scale)");
        Charts.series(chart, records, r -> r.secondaryScore("·rate.achieved"),
                r -> r.secondaryPercentile("·latency", 99));
        return Charts.png(Charts.fileName("load-p99", setting), chart);
    }

    private static Charts.Png spectrum(String title, List<JmhRecord> records) {
        XYChart chart = Charts.xyChart("RateBenchmark " + title + ": latency by percentile",
                "percentile, as 1/(1-p): 10 = p90, 100 = p99, 1000 = p99.9 (log scale)",
                "corrected latency in us (log scale)");
        for (JmhRecord r : records) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (double p : SPECTRUM) {
                double v = r.secondaryPercentile("·latency", p);
                if (Double.isFinite(v) && v > 0) {
                    x.add(1 / (1 - p / 100));
                    y.add(v);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(r.transport(), x, y);
            }
        }
        return Charts.png(Charts.fileName("load-spectrum", title), chart);
    }

    private static Charts.Png capacityBars(String setting, List<JmhRecord> records, String what, String unit,
            ToDoubleFunction<JmhRecord> value) {
        CategoryChart chart = Charts.categoryChart("CapacityBenchmark " + setting + ": " + what, "connections",
                unit + " (log scale)");
        Set<String> connections = new LinkedHashSet<>();
        records.stream().map(r -> r.params().get("connections")).sorted(Groups::naturalOrder).forEach(connections::add);
        Map<String, Map<String, Double>> byTransport = new LinkedHashMap<>();
        records.forEach(r -> byTransport.computeIfAbsent(r.transport(), t -> new LinkedHashMap<>())
                .put(r.params().get("connections"), value.applyAsDouble(r)));
        List<String> xs = List.copyOf(connections);
        byTransport.forEach((t, v) -> chart.addSeries(t, xs, xs.stream().map(v::get).toList()));
        Charts.logY(chart);
        return Charts.png(Charts.fileName(what.startsWith("capacity") ? "capacity" : "capacity-per-cpu", setting), chart);
    }
}
