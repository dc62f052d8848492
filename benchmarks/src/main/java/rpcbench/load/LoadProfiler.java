package rpcbench.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds what an open-loop iteration measured to its JMH result (nothing for other benchmarks):
 * {@code ·latency} from each call's intended send time (corrected for coordinated omission) and
 * {@code ·latency.uncorrected} from its real send time, both with every percentile in the JSON;
 * {@code ·rate.offered} and {@code ·rate.achieved} (calls answered correctly per second);
 * {@code ·sendLag.p99}, how late the load generator itself sent; and {@code ·capacity} where the
 * benchmark searched for it; {@code ·client.cpus}, the CPUs the load generator could use (so a
 * report can tell when they were busy). {@code ·failedCalls} comes from the cost profiler, as for every benchmark.
 */
public final class LoadProfiler implements InternalProfiler {

    @Override
    public String getDescription() {
        return "rpc-bench open-loop load: corrected and uncorrected latency, offered and achieved rate";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        LoadWindow.take(); // an entry left by a failed iteration belongs to none
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        LoadWindow.Entry e = LoadWindow.take();
        List<Result<?>> results = new ArrayList<>();
        if (e == null) {
            return results;
        }
        OpenLoop.Iteration it = e.iteration();
        if (it.record().corrected().getTotalCount() > 0) {
            results.add(new LatencyResult("·latency", it.record().corrected()));
            results.add(new LatencyResult("·latency.uncorrected", it.record().uncorrected()));
        }
        results.add(new ScalarResult("·rate.offered", it.offeredRate(), "calls/s", AggregationPolicy.AVG));
        results.add(new ScalarResult("·rate.achieved", it.achievedRate(), "calls/s", AggregationPolicy.AVG));
        results.add(new ScalarResult("·sendLag.p99", it.record().sendLag().getValueAtPercentile(99) / 1000.0, "us",
                AggregationPolicy.MAX));
        results.add(new ScalarResult("·client.cpus", e.clientCpus(), "#", AggregationPolicy.MAX));
        if (e.capacityFound() > 0) {
            results.add(new ScalarResult("·capacity", e.capacityFound(), "calls/s", AggregationPolicy.AVG));
        }
        return results;
    }
}
