package rpcbench.websocket;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;

/**
 * The websocket client: one persistent connection ({@link JavaWebSocketClient}) on which every
 * request carries an id. The calling thread queues its request frame for the library's write
 * thread and waits, at most the call timeout, for the library's read thread to complete the call.
 *
 * <p>After a call fails (timeout, lost connection, protocol error) the connection is marked
 * unusable, as every transport here does. Two refusals leave it usable, because nothing unknown
 * is on the wire: an echo payload above the maximum message size, refused before it is sent, and
 * a sink that throws, whose stream is cancelled by id while other ids keep working.
 */
final class WebSocketRpcClient implements RpcImplementation {

    /** How long teardown waits for the close handshake before it closes the socket abruptly. */
    private static final long CLOSE_MILLIS = 2_000;

    private final int timeoutMillis = RpcSettings.callTimeoutMillis();
    private final int maxMessageBytes = RpcSettings.maxMessageBytes();
    private JavaWebSocketClient connection;
    private String brokenBy;

    @Override
    public void setup(Endpoint server) throws IOException {
        if (connection != null || brokenBy != null) {
            throw new IllegalStateException("websocket: setup of a client that was already set up");
        }
        URI uri;
        try {
            uri = new URI("ws", null, server.host(), server.port(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IOException("websocket: no URI for " + server + ": " + e.getMessage(), e);
        }
        connection = new JavaWebSocketClient(uri, maxMessageBytes, timeoutMillis);
        boolean open;
        try {
            open = connection.connectBlocking(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("websocket: interrupted while connecting to " + uri, e);
        }
        if (!open) {
            throw new IOException("websocket: cannot connect to " + uri + " within " + timeoutMillis
                    + " ms: " + connection.failure());
        }
        if (simpleCall(0) != 1) {
            throw new IOException("websocket server at " + uri + " answered the first call wrongly");
        }
    }

    @Override
    public int simpleCall(int value) {
        ByteBuffer reply = call("simpleCall", WebSocketProtocol.SIMPLE,
                id -> WebSocketProtocol.intFrame(id, WebSocketProtocol.SIMPLE, value));
        if (reply.remaining() != 4) {
            throw failed("simpleCall", new RpcException("websocket: simpleCall reply of " + reply.remaining() + " bytes"));
        }
        return reply.getInt();
    }

    @Override
    public byte[] echo(byte[] payload) {
        checkUsable("echo");
        if (payload.length > maxMessageBytes) {
            throw new RpcException("websocket: echo of " + payload.length + " bytes refused: larger than "
                    + RpcSettings.MAX_MESSAGE_BYTES + "=" + maxMessageBytes);
        }
        ByteBuffer reply = call("echo", WebSocketProtocol.ECHO,
                id -> WebSocketProtocol.frame(id, WebSocketProtocol.ECHO, payload.length).put(payload).flip());
        byte[] answer = new byte[reply.remaining()];
        reply.get(answer);
        return answer;
    }

    @Override
    public long streamValues(int count, IntConsumer sink) {
        checkUsable("streamValues");
        StreamCall call = new StreamCall(connection, count, sink);
        long id = connection.register(call);
        try {
            connection.sendFrame(WebSocketProtocol.intFrame(id, WebSocketProtocol.STREAM, count));
            // Each value has the call timeout to arrive. Bounded: every pass that does not end the
            // call must see at least one more value, and StreamCall stops at count values.
            while (true) {
                long before = call.arrived();
                try {
                    return call.done.get(timeoutMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (call.arrived() == before) {
                        call.abandon(timedOut("streamValues", "its next value after " + before));
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StreamCall.SinkFailure sinkFailure) {
                throw sinkFailure.rethrow();
            }
            throw failed("streamValues", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.abandon(new RpcException("websocket: streamValues interrupted"));
            throw failed("streamValues", new RpcException("websocket: streamValues interrupted", e));
        } catch (RuntimeException e) {
            throw failed("streamValues", e);
        } finally {
            connection.forget(id);
        }
    }

    @Override
    public void teardown() {
        brokenBy = "teardown";
        JavaWebSocketClient c = connection;
        connection = null;
        if (c != null) {
            c.shutdown(CLOSE_MILLIS);
        }
    }

    /** Sends one request and waits for its single reply frame, positioned at the reply body. */
    private ByteBuffer call(String name, byte op, LongFunction<ByteBuffer> request) {
        checkUsable(name);
        PendingCall.Unary call = new PendingCall.Unary(op);
        long id = connection.register(call);
        try {
            connection.sendFrame(request.apply(id));
            return call.reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failed(name, timedOut(name, "an answer"));
        } catch (ExecutionException e) {
            throw failed(name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(name, new RpcException("websocket: " + name + " interrupted", e));
        } catch (RuntimeException e) {
            throw failed(name, e);
        } finally {
            connection.forget(id);
        }
    }

    private RpcException timedOut(String name, String what) {
        return new RpcException("websocket: " + name + " got no " + what + " within " + timeoutMillis
                + " ms (" + RpcSettings.CALL_TIMEOUT_MS + ")");
    }

    private void checkUsable(String name) {
        if (brokenBy != null || connection == null) {
            throw new RpcException("websocket: " + name + " on a connection that is "
                    + (brokenBy != null ? "unusable after " + brokenBy : "not set up"));
        }
    }

    /** Marks the connection unusable and turns any failure into an RpcException naming the call. */
    private RuntimeException failed(String name, Throwable e) {
        if (brokenBy == null) {
            brokenBy = "a failed " + name;
        }
        if (e instanceof RpcException r) {
            return r;
        }
        return new RpcException("websocket: " + name + " failed: " + e, e);
    }
}
