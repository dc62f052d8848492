package rpcbench.api;

import java.util.concurrent.CompletableFuture;

/**
 * Calls in flight: implemented by a client whose framework can keep several calls outstanding on
 * one connection natively (gRPC futures, ZeroMQ DEALER, an HTTP client's async API, WebSocket
 * request ids). A transport without such an API does not implement it and says why in
 * {@link Transport#whyNoAsyncCalls()}; nothing emulates it with extra threads or connections.
 *
 * <p>Calls are started by the one thread that owns the client; futures complete on the
 * framework's threads.
 */
public interface AsyncCalls {

    /**
     * The most calls a client may have in flight (InFlightBenchmark's {@code inFlight} at most):
     * a client's own queues (Jetty's per destination, ZeroMQ's high-water marks over CURVE) are
     * made at least this deep, so that it never refuses a call the benchmark may start.
     */
    int MOST_IN_FLIGHT = 4096;

    /**
     * The most calls this client keeps in flight correctly: {@link #MOST_IN_FLIGHT} unless its
     * library makes a connection per call in flight, whose count the server's limits bound.
     */
    default int mostInFlight() {
        return MOST_IN_FLIGHT;
    }

    /**
     * Starts {@link RpcImplementation#simpleCall(int)} without waiting. The future completes with
     * {@code value + 1}, or exceptionally with an {@link RpcException} (timeout included: every
     * call is bounded by {@link RpcSettings#CALL_TIMEOUT_MS}).
     */
    CompletableFuture<Integer> simpleCallAsync(int value);
}
