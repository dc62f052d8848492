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

    /** A score with its error (NaN when JMH could not compute one) and unit. */
    public record Metric(double score, double error, String unit) {

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
