package rpcbench.bench;

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

import rpcbench.api.RpcSettings;
import rpcbench.api.TransferPattern;

/**
 * Bandwidth one way: {@code upload} sends {@code size} bytes in one message and gets the server's
 * byte count back; {@code download} asks for {@code size} bytes in one message. The score is the
 * time per transfer; MB/s is {@code size / score} (the report computes it).
 *
 * <p>The default run measures one 10 MB message each way (its size scaling is PayloadBenchmark's), so
 * that it stays under 15 minutes; the full ladder is {@code -p size=1024,10240,102400,1048576,10485760}. Large transfers warm up in
 * seconds (they are copies, not JIT-bound call paths), hence the shorter warm-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BandwidthBenchmark {

    @Param({"10485760"})
    public int size;

    private byte[] payload;
    private byte[] lastDownload;

    @Setup(Level.Trial)
    public void makePayload() {
        RpcSettings.current().checkMessageSize("size", size, 0);
        payload = new byte[size];
        new SplittableRandom(size).nextBytes(payload);
    }

    @Benchmark
    public long upload(ClientFixture client) {
        long received = client.rpc().upload(payload);
        if (received != size) {
            client.wrongAnswer("upload of " + size + " bytes: the server counted " + received);
        }
        return received;
    }

    @Benchmark
    public byte[] download(ClientFixture client) {
        byte[] answer = client.rpc().download(size);
        if (answer.length != size) {
            client.wrongAnswer("download of " + size + " bytes returned " + answer.length);
        }
        lastDownload = answer;
        return answer;
    }

    /** The bytes of the last download, compared outside the timed code. */
    @TearDown(Level.Iteration)
    public void checkLastDownload(ClientFixture client) {
        if (lastDownload != null && TransferPattern.firstMismatch(lastDownload, 0, lastDownload.length, 0) >= 0) {
            throw new IllegalStateException(client.transport() + ": download of " + size + " bytes changed the bytes");
        }
        lastDownload = null;
    }

    /*
     * HOW TO RUN:
     *   java -jar benchmarks/target/benchmarks.jar BandwidthBenchmark -p size=1048576 -p transport=tcp,http
     */
}
