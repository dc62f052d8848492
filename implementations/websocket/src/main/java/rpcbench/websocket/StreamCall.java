package rpcbench.websocket;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

import rpcbench.api.RpcException;

/**
 * One streamValues call on the client. Its frames arrive on Java-WebSocket's read thread, which
 * hands each value to the sink at once, in arrival order (one thread, one TCP connection), and
 * grants the server more credit every {@link WebSocketProtocol#STREAM_GRANT} values. The calling
 * thread only waits for the end ({@link #run}).
 *
 * <p>An exception from the sink ends the call with a {@link SinkFailure} carrying it, which the
 * caller unwraps and rethrows unchanged; the stream is cancelled on the server, and its frames
 * still in flight are dropped because their id is no longer pending.
 */
final class StreamCall extends PendingCall {

    /** Completes with the number of values, or exceptionally with a failure or a SinkFailure. */
    final CompletableFuture<Long> done = new CompletableFuture<>();

    private final JavaWebSocketClient connection;
    private final int count;
    private final IntConsumer sink;
    private long allowed = WebSocketProtocol.STREAM_WINDOW; // values the server may send so far
    private volatile long arrived;                            // written by the read thread only; watched by run

    StreamCall(JavaWebSocketClient connection, int count, IntConsumer sink) {
        this.connection = connection;
        this.count = Math.max(count, 0);
        this.sink = sink;
    }

    /**
     * Asks for the stream and waits for its end; each value has the call timeout to arrive. Throws
     * a {@link SinkFailure} when the sink threw, an RpcException for anything else.
     */
    long run(int timeoutMillis) {
        try {
            connection.sendFrame(WebSocketProtocol.intFrame(id, WebSocketProtocol.STREAM, count));
            // Bounded: every pass that does not end the call must see at least one more value, and
            // onValue stops at count values.
            while (true) {
                long before = arrived;
                try {
                    return done.get(timeoutMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (arrived == before) {
                        abandon(timedOut("streamValues", "its next value after " + before, timeoutMillis));
                    }
                }
            }
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause(); // a SinkFailure or an RpcException: nothing else fails it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            RpcException why = new RpcException("websocket: streamValues interrupted", e);
            abandon(why);
            throw why;
        } finally {
            connection.forget(id);
        }
    }

    @Override
    void onFrame(byte op, ByteBuffer body) {
        if (done.isDone()) {
            return;
        }
        if (op == WebSocketProtocol.VALUE && body.remaining() == 4) {
            onValue(body.getInt());
        } else if (op == WebSocketProtocol.END && body.remaining() == 8) {
            long sent = body.getLong();
            connection.forget(id);
            if (sent == arrived) {
                done.complete(sent);
            } else {
                done.completeExceptionally(new RpcException(
                        "websocket: server sent " + sent + " values but " + arrived + " arrived"));
            }
        } else {
            abandon(unexpected(op, body));
        }
    }

    private void onValue(int value) {
        if (arrived >= count) {
            abandon(new RpcException("websocket: server sent more than the " + count + " values asked for"));
            return;
        }
        try {
            sink.accept(value);
        } catch (Throwable t) {
            abandon(new SinkFailure(t));
            return;
        }
        long now = arrived + 1;
        arrived = now;
        if (now % WebSocketProtocol.STREAM_GRANT == 0 && allowed < count) {
            allowed += WebSocketProtocol.STREAM_GRANT;
            connection.sendQuietly(WebSocketProtocol.intFrame(id, WebSocketProtocol.CREDIT,
                    WebSocketProtocol.STREAM_GRANT));
        }
    }

    /** Ends the call and tells the server to stop producing (best effort: it also stops on close). */
    void abandon(RuntimeException why) {
        connection.forget(id);
        done.completeExceptionally(why);
        connection.sendQuietly(WebSocketProtocol.frame(id, WebSocketProtocol.CANCEL, 0).flip());
    }

    @Override
    void fail(RpcException cause) {
        done.completeExceptionally(cause);
    }

    /** Carries the sink's own exception from the read thread to the calling thread. */
    static final class SinkFailure extends RuntimeException {

        SinkFailure(Throwable sinkException) {
            super("the stream's sink threw", sinkException, false, false);
        }

        /** The sink's exception as it was thrown (a checked one, thrown sneakily, gets wrapped). */
        RuntimeException rethrow() {
            Throwable t = getCause();
            if (t instanceof Error e) {
                throw e;
            }
            if (t instanceof RuntimeException r) {
                return r;
            }
            return new RpcException("websocket: the stream's sink threw " + t, t);
        }
    }
}
