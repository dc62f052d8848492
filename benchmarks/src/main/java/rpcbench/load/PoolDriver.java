package rpcbench.load;

import rpcbench.api.CallPool;

/**
 * Calls through the transport's {@link CallPool}: the framework's own asynchronous client over a
 * fixed set of connections (gRPC ClientCalls on one caller-run Netty loop, ZeroMQ DEALERs owned by
 * the sender, Jetty's async requests, WebSocket request ids). The sender starts each call and
 * returns; while it waits for the next send time the pool may read answers on its thread.
 */
final class PoolDriver implements CallDriver {

    private final CallPool pool;
    private final LatencyRecord record;
    private final Outstanding outstanding;
    private final long timeoutMillis;

    PoolDriver(CallPool pool, LatencyRecord record, Outstanding outstanding, long timeoutMillis) {
        this.pool = pool;
        this.record = record;
        this.outstanding = outstanding;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void send(int connection, int value, long intendedNanos) {
        if (!outstanding.take(timeoutMillis, record, pool::runUntil)) {
            return;
        }
        long sent = System.nanoTime();
        record.sent(intendedNanos, sent);
        pool.start(connection, value, (answer, failure) -> {
            long done = System.nanoTime();
            if (failure != null) {
                record.failed("simpleCall(" + value + ") failed: " + failure.getMessage());
            } else {
                record.answered(value, answer, intendedNanos, sent, done);
            }
            outstanding.release();
        });
    }

    @Override
    public void waitUntil(long deadlineNanos) {
        pool.runUntil(deadlineNanos);
    }

    @Override
    public String describe() {
        return pool.describe();
    }

    @Override
    public void close() {
        pool.close();
    }
}
