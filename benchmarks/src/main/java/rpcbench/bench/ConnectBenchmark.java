package rpcbench.bench;

import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;

import rpcbench.api.RpcImplementation;
import rpcbench.api.tls.Tls;

/**
 * Connection cost: one operation opens a new client connection (whatever the framework does for
 * that: TCP handshake, HTTP/2 preface, WebSocket upgrade, RMI registry lookup, ZeroMQ handshake),
 * makes its first call, and closes it. With {@code -p tls=true} that includes the TLS handshake (ZeroMQ:
 * CURVE's), full or resumed ({@link #handshake}). Setup already waits for one real round trip, so the
 * operation holds two calls' worth of round trips; the second checks the answer.
 *
 * <p>SampleTime, because connection times have long tails (the distribution is what matters).
 * Short iterations: every operation leaves a socket in TIME_WAIT, and a few thousand per second
 * for long would run out of ephemeral ports.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ConnectBenchmark {

    /** {@link #handshake}'s default. */
    public static final String FULL = "full";

    /**
     * With {@code -p tls=true}: {@code full} (default), every connection a full TLS handshake (each
     * client its own TLS context); {@code resumed}, each resumes the session of the connection
     * before it (TLS 1.3 PSK; clients share one session cache, {@link Tls#RESUME}). ZeroMQ's CURVE
     * has no resumption and refuses it.
     */
    @Param({FULL})
    public String handshake;

    private int argument;
    private boolean resumed;

    @Setup(Level.Trial)
    public void chooseHandshake(ServerFixture server) {
        resumed = !handshake.equals(FULL);
        if (resumed && !server.tls) {
            throw new IllegalArgumentException("-p handshake=" + handshake + " needs -p tls=true (valid without TLS: "
                    + FULL + ")");
        }
    }

    @Benchmark
    public int connectCallClose(ClientFixture sameThreadClient) throws IOException {
        int value = argument++;
        int answer;
        try (RpcImplementation client = sameThreadClient.newConnection(resumed)) {
            answer = client.simpleCall(value);
        }
        if (answer != value + 1) {
            sameThreadClient.wrongAnswer("first call on a new connection: simpleCall(" + value + ") returned " + answer);
        }
        return answer;
    }

    /*
     * HOW TO RUN:
     *   java -jar benchmarks/target/benchmarks.jar ConnectBenchmark -p transport=tcp,http,rmi
     *   java -jar benchmarks/target/benchmarks.jar ConnectBenchmark -p tls=true -p handshake=full,resumed
     */
}
