package rpcbench.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;

import rpcbench.api.AsyncCalls;
import rpcbench.api.CallAuth;
import rpcbench.api.CallersOwn;
import rpcbench.api.ClientHealth;
import rpcbench.api.Endpoint;
import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderSummary;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.TransferReceipt;
import rpcbench.codec.OrderCodec;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsTrust;

/**
 * The websocket client: one persistent connection ({@link JavaWebSocketClient}) on which every
 * request carries an id. The calling thread queues its request frame for the library's write
 * thread and waits, at most the call timeout, for the library's read thread to complete the call.
 *
 * <p>Request ids make calls in flight native: {@link #simpleCallAsync} sends its frame and returns
 * a future that the read thread completes, so any number of calls are outstanding on the one
 * connection. Chunked transfers are one frame per chunk, paced by credits ({@link ChunkUpload},
 * {@link ChunkDownload}).
 *
 * <p>After a call fails (timeout, lost connection, protocol error) the connection is marked
 * unusable, as every transport here does. Some refusals leave it usable, because nothing unknown
 * is on the wire: a payload above the maximum message size, refused before it is sent, and a
 * sink or source that throws, whose stream or transfer is cancelled by id while other ids keep working.
 */
final class WebSocketRpcClient implements RpcImplementation, AsyncCalls {

    /** The reply length of {@link #call} whose reply may be of any length (a message's summary). */
    private static final int ANY_LENGTH = -1;

    /** How long teardown waits for the close handshake before it closes the socket abruptly. */
    private static final long CLOSE_MILLIS = 2_000;

    private final RpcSettings settings;
    private final int timeoutMillis;
    private final int maxMessageBytes;
    private final ClientHealth health = new ClientHealth("websocket"); // async calls fail on the read thread
    private JavaWebSocketClient connection;

    WebSocketRpcClient(RpcSettings settings) {
        this.settings = settings;
        this.timeoutMillis = settings.callTimeoutMillis();
        this.maxMessageBytes = settings.maxMessageBytes();
    }

    @Override
    public void setup(Endpoint server) throws IOException {
        if (connection != null || health.isBroken()) {
            throw new IllegalStateException("websocket: setup of a client that was already set up");
        }
        URI uri;
        try {
            uri = new URI(Tls.on(settings) ? "wss" : "ws", null, server.host(), server.port(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IOException("websocket: no URI for " + server + ": " + e.getMessage(), e);
        }
        connection = new JavaWebSocketClient(uri, maxMessageBytes, timeoutMillis, CallAuth.clientToken(settings));
        if (Tls.on(settings)) { // WSS with this client's trust, not the JVM's default context
            connection.setSocketFactory(TlsTrust.clientContext(settings).getSocketFactory());
        }
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
        health.connected();
        if (simpleCall(0) != 1) {
            throw new IOException("websocket server at " + uri + " answered the first call wrongly");
        }
    }

    @Override
    public int simpleCall(int value) {
        return call("simpleCall", WebSocketProtocol.SIMPLE, 4,
                id -> WebSocketProtocol.intFrame(id, WebSocketProtocol.SIMPLE, value)).getInt();
    }

    @Override
    public CompletableFuture<Integer> simpleCallAsync(int value) {
        checkUsable("simpleCallAsync");
        JavaWebSocketClient c = connection;
        PendingCall.Unary call = new PendingCall.Unary(WebSocketProtocol.SIMPLE);
        long id = c.register(call);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        call.reply.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((reply, e) -> {
            c.forget(id);
            if (e == null && reply.remaining() == 4) {
                result.complete(reply.getInt());
            } else {
                result.completeExceptionally(failed("simpleCallAsync", e instanceof TimeoutException
                        ? PendingCall.timedOut("simpleCallAsync", "an answer", timeoutMillis)
                        : e != null ? e : new RpcException("websocket: simpleCall reply of " + reply.remaining() + " bytes")));
            }
        });
        try {
            c.sendFrame(WebSocketProtocol.intFrame(id, WebSocketProtocol.SIMPLE, value));
        } catch (RpcException e) {
            call.fail(e);
        }
        return result;
    }

    @Override
    public byte[] echo(byte[] payload) {
        checkSendable("echo", payload);
        ByteBuffer reply = call("echo", WebSocketProtocol.ECHO, payload.length,
                id -> WebSocketProtocol.frame(id, WebSocketProtocol.ECHO, payload.length).put(payload).flip());
        byte[] answer = new byte[reply.remaining()];
        reply.get(answer);
        return answer;
    }

    @Override
    public OrderSummary message(Order order, MessageCodec codec) {
        OrderCodec c = OrderCodec.of(codec);
        byte[] body = c.encode(order); // before the call: a codec's failure leaves the connection usable
        checkSendable("message", body);
        ByteBuffer reply = call("message", WebSocketProtocol.MESSAGE, ANY_LENGTH,
                id -> WebSocketProtocol.frame(id, WebSocketProtocol.MESSAGE, 1 + body.length)
                        .put((byte) codec.ordinal()).put(body).flip());
        byte[] answer = new byte[reply.remaining()];
        reply.get(answer);
        try {
            return c.decode(answer, OrderSummary.class);
        } catch (IllegalArgumentException e) {
            throw failed("message", e);
        }
    }

    @Override
    public long upload(byte[] payload) {
        checkSendable("upload", payload);
        return call("upload", WebSocketProtocol.UPLOAD, 8,
                id -> WebSocketProtocol.frame(id, WebSocketProtocol.UPLOAD, payload.length).put(payload).flip()).getLong();
    }

    @Override
    public byte[] download(int size) {
        settings.checkMessageSize("download size", size, 0);
        ByteBuffer reply = call("download", WebSocketProtocol.DOWNLOAD, size,
                id -> WebSocketProtocol.intFrame(id, WebSocketProtocol.DOWNLOAD, size));
        byte[] answer = new byte[size];
        reply.get(answer);
        return answer;
    }

    @Override
    public TransferReceipt uploadStream(InputStream source, int chunkSize) throws IOException {
        settings.checkMessageSize("chunk size", chunkSize, 1);
        checkUsable("uploadStream");
        ChunkUpload call = new ChunkUpload(connection, chunkSize, timeoutMillis);
        return transfer("uploadStream", call, () -> call.run(source));
    }

    @Override
    public long downloadStream(long totalBytes, int chunkSize, OutputStream sink) throws IOException {
        settings.checkTransfer(totalBytes, chunkSize);
        checkUsable("downloadStream");
        ChunkDownload call = new ChunkDownload(connection, totalBytes, chunkSize, timeoutMillis);
        return transfer("downloadStream", call, () -> call.run(sink));
    }

    private interface Transfer<T> {
        T run() throws CallersOwn; // the caller's own source or sink failed
    }

    /**
     * Runs a chunked transfer under its own id. A failing source or sink passes through unchanged
     * and leaves the connection usable (the transfer cancelled itself by id); any other failure does not.
     */
    private <T> T transfer(String name, PendingCall call, Transfer<T> body) throws IOException {
        connection.register(call);
        try {
            return body.run();
        } catch (CallersOwn e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            throw failed(name, e);
        }
    }

    @Override
    public long streamValues(int count, IntConsumer sink) {
        checkUsable("streamValues");
        StreamCall call = new StreamCall(connection, count, sink);
        connection.register(call);
        try {
            return call.run(timeoutMillis);
        } catch (StreamCall.SinkFailure sinkFailure) {
            throw sinkFailure.rethrow(); // the stream was cancelled by its id; the connection stays usable
        } catch (RuntimeException e) {
            throw failed("streamValues", e);
        }
    }

    @Override
    public void teardown() {
        health.tornDown();
        JavaWebSocketClient c = connection;
        connection = null;
        if (c != null) {
            c.shutdown(CLOSE_MILLIS);
        }
    }

    /** Sends one request and waits for its single reply frame of {@code replyBytes}, positioned at the body. */
    private ByteBuffer call(String name, byte op, int replyBytes, LongFunction<ByteBuffer> request) {
        checkUsable(name);
        PendingCall.Unary call = new PendingCall.Unary(op);
        long id = connection.register(call);
        try {
            connection.sendFrame(request.apply(id));
            ByteBuffer reply = call.reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (replyBytes != ANY_LENGTH && reply.remaining() != replyBytes) {
                throw new RpcException("websocket: " + name + " reply of " + reply.remaining() + " bytes, not " + replyBytes);
            }
            return reply;
        } catch (TimeoutException e) {
            throw failed(name, PendingCall.timedOut(name, "an answer", timeoutMillis));
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

    /** Refuses a payload above the maximum before anything is sent, leaving the connection usable. */
    private void checkSendable(String name, byte[] payload) {
        checkUsable(name);
        settings.checkSendable("websocket", name, payload.length);
    }

    private void checkUsable(String name) {
        health.checkUsable(name);
    }

    /** Marks the connection unusable and turns any failure into an RpcException naming the call. */
    private RuntimeException failed(String name, Throwable e) {
        health.failed(name);
        if (e instanceof RpcException r) {
            return r;
        }
        return new RpcException("websocket: " + name + " failed: " + e, e);
    }
}
