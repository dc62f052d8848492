package rpcbench.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Payload cost: one operation sends {@code size} random bytes to the server and receives the same
 * bytes back. The score is the time per echo; throughput is {@code 2 * size / score} (both ways).
 *
 * <p>The default sizes span 1 KB to 10 MB (add 10 KB with {@code -p size=1024,10240,102400,1048576,10485760});
 * warm-up and measurement are short because the default run must fit in 15 minutes on 2 cores (see
 * docs/benchmarks.md for the warm-up study behind them).
 *
 * <p>Every answer's length is checked in the timed code (one comparison); the bytes of the last
 * answer of each iteration are compared with the payload outside it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PayloadBenchmark {

    @Param({"1024", "102400", "1048576", "10485760"})
    public int size;

    private byte[] payload;
    private byte[] lastAnswer;

    @Setup(Level.Trial)
    public void makePayload() {
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " is negative");
        }
        payload = new byte[size];
        new SplittableRandom(size).nextBytes(payload);
    }

    @Benchmark
    public byte[] echo(ClientFixture client) {
        byte[] answer = client.rpc().echo(payload);
        if (answer.length != size) {
            client.wrongAnswer("echo of " + size + " bytes returned " + answer.length + " bytes");
        }
        lastAnswer = answer;
        return answer;
    }

    @TearDown(Level.Iteration)
    public void checkLastAnswer(ClientFixture client) {
        if (lastAnswer != null && !Arrays.equals(payload, lastAnswer)) {
            throw new IllegalStateException(client.transport() + ": echo of " + size + " bytes changed the bytes");
        }
        lastAnswer = null;
    }

    /*
     * HOW TO RUN:
     *   java -jar benchmarks/target/benchmarks.jar PayloadBenchmark -p size=1048576 -p transport=tcp,grpc
     */
}
