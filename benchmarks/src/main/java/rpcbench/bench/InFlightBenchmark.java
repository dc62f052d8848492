package rpcbench.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

import rpcbench.api.AsyncCalls;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transports;

/**
 * Calls in flight on one connection: {@code inFlight} asynchronous simple calls are kept
 * outstanding through the framework's own async API; one operation is one completed call (wait for
 * the oldest, check it, start the next in its place). Throughput in calls per second.
 *
 * <p>Only transports whose framework does this natively take part ({@link AsyncCalls}); for the
 * others {@link Main} leaves them out of the default run and says why, and naming one explicitly
 * fails with that reason. Nothing is emulated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class InFlightBenchmark {

    @Param({"16", "128"})
    public int inFlight;

    private AsyncCalls async;
    private CompletableFuture<Integer>[] window;
    private int[] arguments;
    private int next;
    private int slot;
    /** How long to wait for a call: set in setup, never read from a property while timing. */
    private long waitMillis;

    @Setup(Level.Iteration)
    @SuppressWarnings("unchecked")
    public void fillWindow(ClientFixture client) {
        if (!(client.rpc() instanceof AsyncCalls calls)) {
            throw new IllegalStateException(client.transport() + " does not keep calls in flight: "
                    + Transports.byName(client.transport()).whyNoAsyncCalls());
        }
        if (inFlight > calls.mostInFlight()) {
            throw new IllegalArgumentException("-p inFlight=" + inFlight + ": " + client.transport() + "'s client keeps at most "
                    + calls.mostInFlight() + " calls in flight (AsyncCalls.mostInFlight); valid: 1.." + calls.mostInFlight()
                    + ", or another client");
        }
        async = calls;
        waitMillis = RpcSettings.current().callTimeoutMillis() + 1000L;
        window = new CompletableFuture[inFlight];
        arguments = new int[inFlight];
        for (int i = 0; i < inFlight; i++) {
            start(i);
        }
        slot = 0;
    }

    @Benchmark
    public int completedCall(ClientFixture client) throws InterruptedException {
        int i = slot;
        slot = i + 1 == inFlight ? 0 : i + 1;
        int answer = await(client, i);
        if (answer != arguments[i] + 1) {
            client.wrongAnswer("async simpleCall(" + arguments[i] + ") returned " + answer);
        }
        start(i);
        return answer;
    }

    /** Lets the calls still in flight finish outside the timed code, so none is left behind. */
    @TearDown(Level.Iteration)
    public void drainWindow(ClientFixture client) throws InterruptedException {
        for (int i = 0; i < inFlight; i++) {
            await(client, i);
        }
    }

    private void start(int i) {
        arguments[i] = next++;
        window[i] = async.simpleCallAsync(arguments[i]);
    }

    private int await(ClientFixture client, int i) throws InterruptedException {
        try {
            return window[i].get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable why = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(client.transport() + ": an async call failed: " + why, why);
        }
    }

    /*
     * HOW TO RUN:
     *   java -jar benchmarks/target/benchmarks.jar InFlightBenchmark -p inFlight=16 -p transport=grpc,websocket
     */
}
