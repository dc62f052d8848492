package rpcbench.report;

import java.util.Map;
import java.util.SortedMap;

/**
 * One record of a JMH JSON result: a benchmark method with one set of parameters and one thread
 * count, its primary score and the secondary metrics of profilers (CostProfiler's ·server.cpu,
 * ·calls, ...). {@code check} and {@code report} both read results into this one model.
 *
 * @param benchmark   fully qualified method name, e.g. {@code rpcbench.bench.PayloadBenchmark.echo}
 * @param mode        JMH's short mode name: thrpt, avgt, sample, ss
 * @param params      the @Param values, sorted by name
 * @param primary     the score, its 99.9% confidence half-width (NaN with a single iteration) and unit
 * @param percentiles percentile (0..100) to value, for SampleTime results; empty otherwise
 * @param secondary   secondary metric name (with JMH's leading '·') to its value
 * @param settings    forks, warmup and measurement as run, e.g. "1 fork, warmup 0 x 200 ms, measurement 1 x 1 s"
 */
public record JmhRecord(String benchmark, String mode, int threads, int forks, SortedMap<String, String> params,
                        Metric primary, SortedMap<Double, Double> percentiles, Map<String, Metric> secondary,
                        String jmhVersion, String jvm, String jdkVersion, String vmVersion, String settings) {

    /**
     * A score with its error (NaN when JMH could not compute one) and unit, and the percentiles
     * (0..100) of its samples: of every call for the open-loop latencies, of the iterations' values
     * for other metrics; empty when the JSON has none.
     */
    public record Metric(double score, double error, String unit, SortedMap<Double, Double> percentiles) {

        public Metric(double score, double error, String unit) {
            this(score, error, unit, java.util.Collections.emptySortedMap());
        }

        /** The percentile's value, or NaN when the metric has none. */
        public double percentile(double p) {
            return percentiles.getOrDefault(p, Double.NaN);
        }

        /** True when JMH gave an error interval to compare with. */
        public boolean hasError() {
            return Double.isFinite(error);
        }
    }

    /** Throughput results are better when higher; time results (avgt, sample, ss) when lower. */
    public boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    /** {@code PayloadBenchmark.echo} for {@code rpcbench.bench.PayloadBenchmark.echo}. */
    public String shortName() {
        int method = benchmark.lastIndexOf('.');
        int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    /** The transport @Param, or null for a benchmark without one (another project's). */
    public String transport() {
        return params.get("transport");
    }

    /** True for an open-loop load result (it offered calls at a rate). */
    public boolean isOpenLoop() {
        return secondary.containsKey("·rate.offered");
    }

    /** A secondary metric's percentile, or NaN when the run did not measure it. */
    public double secondaryPercentile(String name, double p) {
        Metric m = secondary.get(name);
        return m == null ? Double.NaN : m.percentile(p);
    }

    /** A secondary metric's score, or NaN when the run did not measure it. */
    public double secondaryScore(String name) {
        Metric m = secondary.get(name);
        return m == null ? Double.NaN : m.score();
    }

    /** The percentile's value, or NaN when not sampled. */
    public double percentile(double p) {
        return percentiles.getOrDefault(p, Double.NaN);
    }
}
