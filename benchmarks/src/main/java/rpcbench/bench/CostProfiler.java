package rpcbench.bench;

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

import rpcbench.server.ServerStats;

/**
 * Adds each benchmark's cost to its JMH result as secondary metrics: server and client CPU time
 * per operation, client bytes allocated per operation, the server's peak resident memory and peak
 * heap, and calls / failed calls (so a success rate can be shown). {@link Main} enables it for
 * every run; {@code -prof rpcbench.bench.CostProfiler} does the same by hand.
 *
 * <p>An operation is one benchmark method invocation (a call, a stream, a transfer). Client CPU is
 * the whole fork's, JMH's own threads included; with {@code -t N} it is the cost of all N clients
 * divided by all their operations.
 */
public final class CostProfiler implements InternalProfiler {

    private static final double MB = 1024.0 * 1024.0;

    @Override
    public String getDescription() {
        return "rpc-bench cost per operation: server/client CPU, client allocation, server memory, failed calls";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        CostMeter.take(); // a window left over from a failed iteration must not be reported here
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        CostMeter.Window window = CostMeter.take();
        long ops = result.getMetadata() == null ? 0 : result.getMetadata().getAllOps();
        List<Result> results = new ArrayList<>();
        if (window == null || ops <= 0) {
            return results;
        }
        CostMeter.Sample a = window.start();
        CostMeter.Sample b = window.end();
        perOp(results, "client.cpu", b.clientCpuNanos() - a.clientCpuNanos(), ops, "ns/op");
        if (a.clientAllocatedBytes() >= 0 && b.clientAllocatedBytes() >= a.clientAllocatedBytes()) {
            perOp(results, "client.alloc", b.clientAllocatedBytes() - a.clientAllocatedBytes(), ops, "B/op");
        }
        if (a.server() != null && b.server() != null) { // null: an already running server, not ours to ask
            serverCost(results, a.server(), b.server(), ops);
        }
        results.add(new ScalarResult("·calls", ops, "#", AggregationPolicy.SUM));
        results.add(new ScalarResult("·failedCalls", window.failedCalls(), "#", AggregationPolicy.SUM));
        return results;
    }

    private static void serverCost(List<Result> results, ServerStats a, ServerStats b, long ops) {
        perOp(results, "server.cpu", b.cpuNanos() - a.cpuNanos(), ops, "ns/op");
        if (b.peakRssBytes() > 0) {
            results.add(new ScalarResult("·server.rss.peak", b.peakRssBytes() / MB, "MB", AggregationPolicy.MAX));
        }
        results.add(new ScalarResult("·server.heap.peak", b.heapPeakBytes() / MB, "MB", AggregationPolicy.MAX));
        results.add(new ScalarResult("·server.gc.count", b.gcCount() - a.gcCount(), "#", AggregationPolicy.SUM));
    }

    private static void perOp(List<Result> results, String name, long total, long ops, String unit) {
        results.add(new ScalarResult("·" + name, (double) total / ops, unit, AggregationPolicy.AVG));
    }
}
