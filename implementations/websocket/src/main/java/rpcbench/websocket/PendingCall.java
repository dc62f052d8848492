package rpcbench.websocket;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;

/**
 * A request that waits for its reply frames. The client's read thread hands it every frame that
 * carries its id; the calling thread waits on its future with the call timeout. Completion is
 * first-wins, so a reply that races a timeout or a closed connection is simply dropped.
 */
abstract class PendingCall {

    /** The request id; assigned once, before the request is sent. */
    long id;

    /** Handles one frame for this id, on the client's read thread; must not throw. */
    abstract void onFrame(byte op, ByteBuffer body);

    /** Ends the call with a transport failure (connection closed, protocol error). */
    abstract void fail(RpcException cause);

    /** The failure of a call that waited the whole call timeout for {@code what}. */
    static RpcException timedOut(String call, String what, int timeoutMillis) {
        return new RpcException("websocket: " + call + " got no " + what + " within " + timeoutMillis
                + " ms (" + RpcSettings.CALL_TIMEOUT_MS + ")");
    }

    /** The failure a reply of the wrong op means: the server's own error text, or a protocol violation. */
    static RpcException unexpected(byte op, ByteBuffer body) {
        if (op == WebSocketProtocol.ERROR) {
            return new RpcException("websocket server refused the request: " + WebSocketProtocol.text(body));
        }
        return new RpcException("websocket: unexpected reply op " + op + " with " + body.remaining() + " body bytes");
    }

    /** A call answered by exactly one frame of a known op: simpleCall and echo. */
    static final class Unary extends PendingCall {

        final CompletableFuture<ByteBuffer> reply = new CompletableFuture<>();
        private final byte op;

        Unary(byte op) {
            this.op = op;
        }

        @Override
        void onFrame(byte actual, ByteBuffer body) {
            if (actual == op) {
                reply.complete(body);
            } else {
                reply.completeExceptionally(unexpected(actual, body));
            }
        }

        @Override
        void fail(RpcException cause) {
            reply.completeExceptionally(cause);
        }
    }
}
