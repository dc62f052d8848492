package rpcbench.load;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import rpcbench.api.AsyncCalls;
import rpcbench.api.RpcImplementation;

/**
 * Calls through the framework's own asynchronous client (gRPC ClientCall, a ZeroMQ DEALER, Jetty's
 * async requests, WebSocket request ids): the sender thread starts each call and returns; the
 * answer completes the future on the framework's thread, where it is checked and timed. Several
 * calls may be in flight on one connection, as far as the framework allows (HTTP/1.1 queues them).
 */
final class AsyncDriver implements CallDriver {

    private final List<RpcImplementation> clients;
    private final AsyncCalls[] async;
    private final LatencyRecord record;
    private final Outstanding outstanding;
    private final long timeoutMillis;

    AsyncDriver(List<RpcImplementation> clients, LatencyRecord record, Outstanding outstanding, long timeoutMillis) {
        this.clients = List.copyOf(clients);
        this.async = clients.stream().map(c -> (AsyncCalls) c).toArray(AsyncCalls[]::new);
        this.record = record;
        this.outstanding = outstanding;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void send(int connection, int value, long intendedNanos) {
        if (!outstanding.take(timeoutMillis, record)) {
            return;
        }
        long sent = System.nanoTime();
        record.sent(intendedNanos, sent);
        CompletableFuture<Integer> call;
        try {
            call = async[connection].simpleCallAsync(value);
        } catch (RuntimeException e) {
            outstanding.release();
            record.failed("simpleCallAsync(" + value + ") failed to start: " + e.getMessage());
            return;
        }
        call.whenComplete((answer, error) -> {
            long done = System.nanoTime();
            if (error != null) {
                record.failed("simpleCallAsync(" + value + ") failed: " + error.getMessage());
            } else {
                record.answered(value, answer, intendedNanos, sent, done);
            }
            outstanding.release();
        });
    }

    @Override
    public String describe() {
        return clients.size() + " connection(s) through the framework's asynchronous client; the sender thread"
                + " starts every call, answers complete on the framework's threads";
    }

    @Override
    public void close() {
        clients.forEach(RpcImplementation::teardown);
    }
}
