package rpcbench.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import rpcbench.api.RpcImplementation;

/**
 * Connection cost: one operation opens a new client connection (whatever the framework does for
 * that: TCP handshake, HTTP/2 preface, WebSocket upgrade, RMI registry lookup, ZeroMQ handshake),
 * makes its first call, and closes it. Setup already waits for one real round trip, so the
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

    private int argument;

    @Benchmark
    public int connectCallClose(ClientFixture sameThreadClient) throws IOException {
        int value = argument++;
        int answer;
        try (RpcImplementation client = sameThreadClient.newConnection()) {
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
     */
}
