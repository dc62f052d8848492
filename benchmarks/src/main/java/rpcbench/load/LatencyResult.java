package rpcbench.load;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Aggregator;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.util.MultisetStatistics;
import org.openjdk.jmh.util.Statistics;

/**
 * A latency distribution as a JMH secondary result: an HdrHistogram of nanoseconds, shown in
 * microseconds. Iterations, threads and forks are merged histogram by histogram (never percentiles
 * averaged), so the JSON's {@code scorePercentiles} of a metric are those of every call of the
 * measurement; the score is the mean.
 */
final class LatencyResult extends Result<LatencyResult> {

    private static final long serialVersionUID = 1L;

    private final Histogram histogram;

    LatencyResult(String label, Histogram histogram) {
        super(ResultRole.SECONDARY, label, statistics(histogram), "us", AggregationPolicy.AVG);
        this.histogram = histogram;
    }

    private static Statistics statistics(Histogram h) {
        MultisetStatistics s = new MultisetStatistics();
        for (HistogramIterationValue v : h.recordedValues()) {
            s.addValue(v.getValueIteratedTo() / (double) TimeUnit.MICROSECONDS.toNanos(1), v.getCountAtValueIteratedTo());
        }
        return s;
    }

    @Override
    protected Aggregator<LatencyResult> getThreadAggregator() {
        return LatencyResult::merge;
    }

    @Override
    protected Aggregator<LatencyResult> getIterationAggregator() {
        return LatencyResult::merge;
    }

    private static LatencyResult merge(Collection<LatencyResult> results) {
        Histogram all = null;
        String label = null;
        for (LatencyResult r : results) {
            label = r.getLabel();
            if (all == null) {
                all = r.histogram.copy();
            } else {
                all.add(r.histogram);
            }
        }
        return new LatencyResult(label, all);
    }

    @Override
    public String extendedInfo() {
        return distributionExtendedInfo();
    }
}
