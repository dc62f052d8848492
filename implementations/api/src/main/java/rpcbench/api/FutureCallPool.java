package rpcbench.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@link CallPool} of a transport whose clients keep calls in flight through their own
 * asynchronous API ({@link AsyncCalls}) and answer on their own threads: one client per
 * connection, each call a future; {@link #runUntil} only waits. Transports whose client can run
 * on the caller's thread offer a pool of their own instead.
 */
public final class FutureCallPool implements CallPool {

    private final String transport;
    private final List<RpcImplementation> clients;
    private final AsyncCalls[] async;

    private FutureCallPool(String transport, List<RpcImplementation> clients) {
        this.transport = transport;
        this.clients = List.copyOf(clients);
        this.async = clients.stream().map(c -> (AsyncCalls) c).toArray(AsyncCalls[]::new);
    }

    /** {@code connections} clients of {@code transport}, each set up against {@code server}. */
    public static FutureCallPool connect(Transport transport, RpcSettings settings, Endpoint server, int connections)
            throws IOException {
        if (transport.whyNoAsyncCalls() != null) {
            throw new UnsupportedOperationException(transport.whyNoAsyncCalls());
        }
        List<RpcImplementation> clients = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                clients.add(transport.connect(settings, server));
            }
        } catch (IOException | RuntimeException e) {
            clients.forEach(RpcImplementation::teardown);
            throw e;
        }
        return new FutureCallPool(transport.name(), clients);
    }

    @Override
    public void start(int connection, int value, Outcome outcome) {
        CompletableFuture<Integer> call;
        try {
            call = async[connection].simpleCallAsync(value);
        } catch (RuntimeException e) {
            outcome.completed(0, e instanceof RpcException r ? r : new RpcException(transport + ": " + e, e));
            return;
        }
        call.whenComplete((answer, error) -> {
            if (error == null) {
                outcome.completed(answer, null);
            } else {
                Throwable why = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                outcome.completed(0, why instanceof RpcException r ? r : new RpcException(transport + ": " + why, why));
            }
        });
    }

    @Override
    public void runUntil(long deadlineNanos) {
        CallPool.sleepUntil(deadlineNanos);
    }

    @Override
    public String describe() {
        return clients.size() + " " + transport + " client(s), one connection each, calls through the client's"
                + " asynchronous API, answers on its own threads";
    }

    @Override
    public void close() {
        clients.forEach(RpcImplementation::teardown);
    }
}
