package rpcbench.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Latency at a rate: simple calls sent on a fixed schedule (open loop) over {@code connections}
 * connections, each timed from its intended send time, at {@code rate} calls per second or at a
 * percentage of the transport's own capacity ("equal relative load", found in the warm-up). One
 * operation is one call sent on time; the score is calls sent per second, and the secondary
 * metrics hold corrected and uncorrected latency percentiles and the offered and achieved rate.
 * A result whose achieved rate falls short of the offered rate fails {@code check}.
 */
public class RateBenchmark extends OpenLoopBenchmark {

    @Param({"16"})
    public int connections;

    /** Calls per second, or a percentage of this transport's capacity. */
    @Param({"25%", "50%", "75%", "90%"})
    public String rate;

    @Override
    protected String rate() {
        return rate;
    }

    @Override
    protected int connections() {
        return connections;
    }

    @Benchmark
    public void scheduledCall() {
        sendNext();
    }

    /*
     * HOW TO RUN (pinned by default: load generator and server on separate CPUs):
     *   java -jar benchmarks/target/benchmarks.jar RateBenchmark -p transport=grpc,http -p rate=5000,20000
     *   java -jar benchmarks/target/benchmarks.jar RateBenchmark -p rate=50% -p connections=1,16
     */
}
