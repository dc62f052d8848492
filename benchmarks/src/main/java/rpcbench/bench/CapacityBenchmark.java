package rpcbench.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Capacity: the most simple calls per second a server sustains over {@code connections}
 * connections, open loop. The warm-up iterations search for it (the rate doubles from 1000/s while
 * at least 97% of the calls are answered in time with a corrected p99 within {@code p99LimitMs},
 * then the interval is halved), and the measurement iterations hold that rate: the score is calls
 * sent per second at capacity, {@code ·capacity} the rate found, {@code ·rate.achieved} what was
 * answered. Calls per server CPU-second follow from {@code ·server.cpu}.
 */
public class CapacityBenchmark extends OpenLoopBenchmark {

    /** The yardstick's connection counts: grpc-java's qps client and wrk are compared at these. */
    @Param({"1", "4", "16"})
    public int connections;

    @Override
    protected int connections() {
        return connections;
    }

    @Override
    protected String rate() {
        return "100%";
    }

    @Benchmark
    public void sustainedRate() {
        sendNext();
    }

    /*
     * HOW TO RUN (pinned by default: load generator and server on separate CPUs):
     *   java -jar benchmarks/target/benchmarks.jar CapacityBenchmark -p connections=1,4,16 -p transport=grpc,http
     */
}
