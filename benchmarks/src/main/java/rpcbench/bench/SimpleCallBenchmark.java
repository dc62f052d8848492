package rpcbench.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import rpcbench.api.RpcException;

/**
 * Latency of the smallest useful call: one int to the server, the int plus one back, over one
 * persistent connection per thread. One operation is one complete round trip.
 *
 * <p>SampleTime in µs, 3 x 4 s warm-up, 5 x 1 s measurement, 1 fork: {@link CallLatencyDefaults}.
 */
@State(Scope.Thread)
public class SimpleCallBenchmark extends CallLatencyDefaults {

    private int argument;

    /**
     * A failed call (RpcException: timeout, lost connection) is counted, not fatal, so that a run
     * with 128 clients reports its success rate (·failedCalls of ·calls) instead of stopping at the
     * first failure; the client reconnects and goes on. `rpc-bench check` fails a result with any.
     */
    @Benchmark
    public int simpleCallLatency(ClientFixture client) {
        int value = argument++;
        int answer;
        try {
            answer = client.rpc().simpleCall(value);
        } catch (RpcException e) {
            client.callFailed(e);
            return 0;
        }
        if (answer != value + 1) {
            client.wrongAnswer("simpleCall(" + value + ") returned " + answer);
        }
        return answer;
    }

    /*
     * HOW TO RUN:
     *   java -jar benchmarks/target/benchmarks.jar SimpleCallBenchmark -p transport=tcp,grpc
     * Percentiles per transport are in the JSON result's primaryMetric.scorePercentiles.
     * Clients against throughput and latency (each thread is one client with its own connection):
     *   java -jar benchmarks/target/benchmarks.jar SimpleCallBenchmark --clients 1,4,16,64,128 -bm sample,thrpt
     */
}
