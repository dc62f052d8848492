package rpcbench.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streaming efficiency: one operation asks the server for {@code count} ints and receives them as
 * {@code count} separate messages, each handed to the sink as it arrives. The score is the time
 * per whole stream; values per second is {@code count / score}.
 *
 * <p>The sink checks that every value is the one after the previous (one comparison per value,
 * the same for every transport); a lost, duplicated or reordered value fails the iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamValuesBenchmark {

    @Param("1000")
    public int count;

    private final OrderCheck sink = new OrderCheck();

    @Benchmark
    public long streamValues(ClientFixture client) {
        sink.expected = 0;
        sink.outOfOrder = 0;
        long arrived = client.rpc().streamValues(count, sink);
        if (arrived != count || sink.expected != count || sink.outOfOrder != 0) {
            client.wrongAnswer("streamValues(" + count + ") returned " + arrived + ", sink saw " + sink.expected
                    + " values, " + sink.outOfOrder + " out of order");
        }
        return arrived;
    }

    /** Expects 0, 1, 2, ... and counts the values that are not the expected one. */
    private static final class OrderCheck implements IntConsumer {
        int expected;
        int outOfOrder;

        @Override
        public void accept(int value) {
            if (value != expected) {
                outOfOrder++;
            }
            expected++;
        }
    }

    /*
     * HOW TO RUN:
     *   java -jar benchmarks/target/benchmarks.jar StreamValuesBenchmark -p count=1000,100000
     */
}
