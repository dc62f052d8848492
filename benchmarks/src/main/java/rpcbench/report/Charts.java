package rpcbench.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.MarkerSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.colors.XChartSeriesColors;

import rpcbench.api.Transports;

/**
 * The report's charts as PNG (XChart on headless AWT): latency percentiles per transport, size
 * against time and MB/s (log scales), clients against throughput and p99, stream rate, and CPU per
 * operation. A chart is drawn only when the results hold its data.
 */
final class Charts {

    /** One drawn chart: its file name (no folder) and title. */
    record Png(String file, String title, byte[] bytes) {
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};
    /** A transport keeps its colour in every chart and every report: the jar's order of transports. */
    private static final List<String> TRANSPORTS = Transports.names();
    private static final Color[] PALETTE = new XChartSeriesColors().getSeriesColors();

    private Charts() {
    }

    /**
     * Every chart the results hold data for. Data a chart cannot show (XChart refuses, say, a zero
     * on a log axis) leaves that chart out with a note instead of failing the report.
     */
    static List<Png> draw(Groups groups, List<String> notes) {
        System.setProperty("java.awt.headless", "true"); // before AWT's first use: no display needed
        List<Supplier<List<Png>>> plans = new ArrayList<>();
        groups.compared().stream().filter(g -> !g.fastest().percentiles().isEmpty())
                .forEach(g -> plans.add(() -> List.of(percentiles(g))));
        Map<String, List<Groups.Group>> byBenchmark = new LinkedHashMap<>();
        groups.compared().forEach(g -> byBenchmark.computeIfAbsent(g.benchmark(), b -> new ArrayList<>()).add(g));
        byBenchmark.values().forEach(same -> plans.add(() -> SweepCharts.of(same)));
        groups.compared().stream().filter(g -> rateUnit(g).equals(Rate.VALUES_PER_S))
                .forEach(g -> plans.add(() -> List.of(streamRate(g))));
        plans.add(() -> cpuPerOperation(groups));
        List<Png> charts = new ArrayList<>();
        for (Supplier<List<Png>> plan : plans) {
            try {
                charts.addAll(plan.get());
            } catch (RuntimeException e) {
                notes.add("a chart was left out: " + e.getMessage());
            }
        }
        return charts;
    }

    private static Png percentiles(Groups.Group g) {
        CategoryChart chart = categoryChart(g.title() + ": latency percentiles",
                "percentile", g.fastest().primary().unit() + " (log scale)");
        List<String> labels = new ArrayList<>();
        for (double p : PERCENTILES) {
            labels.add(p == 100 ? "max" : "p" + Numbers.format(p).replaceAll("\\.0+$", ""));
        }
        for (JmhRecord r : g.transports()) {
            List<Double> values = new ArrayList<>();
            for (double p : PERCENTILES) {
                values.add(r.percentile(p));
            }
            chart.addSeries(r.transport(), labels, values);
        }
        logY(chart);
        return png(fileName("percentiles", g.title()), chart);
    }

    private static Png streamRate(Groups.Group g) {
        CategoryChart chart = categoryChart(g.title() + ": stream rate", "transport", Rate.VALUES_PER_S);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisDecimalPattern("#,##0"); // values/s are whole and large: no exponent
        chart.getStyler().setYAxisMin(0.0);
        chart.addSeries(Rate.VALUES_PER_S, g.transports().stream().map(JmhRecord::transport).toList(),
                g.transports().stream().map(r -> Rate.of(r).value()).toList());
        return png(fileName("stream-rate", g.title()), chart);
    }

    /** Client plus server CPU per operation, every operation measured with one thread, per transport. */
    private static List<Png> cpuPerOperation(Groups groups) {
        List<Groups.Group> measured = groups.compared().stream().filter(g -> g.threads() == 1)
                .filter(g -> Double.isFinite(g.fastest().secondaryScore("·server.cpu"))).toList();
        if (measured.isEmpty()) {
            return List.of();
        }
        CategoryChart chart = categoryChart("CPU per operation (client + server), 1 thread", "operation",
                "ns/op (log scale)");
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> operations = measured.stream().map(Groups.Group::title).map(t -> t.replace(", 1 thread", ""))
                .toList();
        Set<String> transports = new LinkedHashSet<>();
        measured.forEach(g -> g.transports().forEach(r -> transports.add(r.transport())));
        for (String t : transports) {
            chart.addSeries(t, operations, measured.stream().map(g -> g.transport(t))
                    .map(r -> r == null ? null : r.secondaryScore("·server.cpu") + r.secondaryScore("·client.cpu"))
                    .toList());
        }
        logY(chart);
        return List.of(png("cpu-per-operation.png", chart));
    }

    static String rateUnit(Groups.Group g) {
        Rate rate = Rate.of(g.fastest());
        return rate == null ? "" : rate.unit();
    }

    static CategoryChart categoryChart(String title, String x, String y) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(x).yAxisTitle(y).build();
        style(chart.getStyler());
        return chart;
    }

    /**
     * Log scale for a bar chart: XChart anchors bars at zero, which a log axis cannot show, so the
     * axis starts at the power of ten below the smallest value.
     */
    static void logY(CategoryChart chart) {
        double smallest = chart.getSeriesMap().values().stream()
                .flatMap(s -> s.getYData().stream()).filter(java.util.Objects::nonNull)
                .mapToDouble(Number::doubleValue).filter(v -> v > 0).min().orElse(1);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
    }

    static XYChart xyChart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
    }

    /** One series per transport from the records of several groups, x and y read from each record. */
    static void series(XYChart chart, List<JmhRecord> records, ToDoubleFunction<JmhRecord> x,
            ToDoubleFunction<JmhRecord> y) {
        Map<String, List<JmhRecord>> byTransport = new LinkedHashMap<>();
        records.forEach(r -> byTransport.computeIfAbsent(r.transport(), t -> new ArrayList<>()).add(r));
        byTransport.forEach((t, rs) -> {
            List<JmhRecord> usable = rs.stream().filter(r -> Double.isFinite(y.applyAsDouble(r)) && y.applyAsDouble(r) > 0)
                    .sorted(java.util.Comparator.comparingDouble(x)).toList();
            if (!usable.isEmpty()) {
                chart.addSeries(t, usable.stream().mapToDouble(x).toArray(), usable.stream().mapToDouble(y).toArray());
            }
        });
    }

    static String fileName(String kind, String title) {
        return kind + "-" + title.replaceAll("[^A-Za-z0-9.=]+", "-").replaceAll("-+$", "") + ".png";
    }

    static Png png(String file, Chart<?, ?> chart) {
        chart.getSeriesMap().forEach((name, series) -> {
            if (series instanceof MarkerSeries m && TRANSPORTS.contains(name)) {
                Color c = PALETTE[TRANSPORTS.indexOf(name) % PALETTE.length];
                m.setFillColor(c);
                m.setLineColor(c);
                m.setMarkerColor(c);
            }
        });
        try {
            return new Png(file, chart.getTitle(), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart " + file, e);
        }
    }
}
