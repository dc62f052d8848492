package rpcbench.websocket;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLParameters;

import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;

import rpcbench.api.RpcException;
import rpcbench.api.tls.Tls;

/**
 * One Java-WebSocket client connection and its table of pending calls, keyed by request id.
 *
 * <p>Java-WebSocket gives each client a read thread (which decodes frames and runs the callbacks
 * below) and a write thread (which drains the outgoing queue into the socket). The read thread
 * completes the pending call whose id a reply carries, so any number of calls may be in flight.
 * When the library reports the connection closed or failed, every pending call fails at once with
 * an {@link RpcException} that says why, instead of each one waiting out its timeout.
 */
final class JavaWebSocketClient extends WebSocketClient {

    private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile RpcException closedBy;
    private volatile Exception lastError;
    /** The bearer token in every frame sent (WebSocketProtocol.withToken); null: none. */
    private final byte[] token;

    JavaWebSocketClient(URI server, int maxMessageBytes, int connectTimeoutMillis, byte[] token) {
        super(server, WebSocketProtocol.draft(maxMessageBytes), null, connectTimeoutMillis);
        this.token = token;
        setTcpNoDelay(true);   // Java-WebSocket's default is off: Nagle + delayed ACK cost ~40 ms per call
        setDaemon(true);       // read, write and ping threads must not keep a JVM alive
    }

    /** The library's own (HTTPS endpoint identification), held to TLS 1.3. */
    @Override
    protected void onSetSSLParameters(SSLParameters parameters) {
        super.onSetSSLParameters(Tls.only13(parameters));
    }

    /** Gives {@code call} a fresh id and makes it pending; fails it at once if the connection is gone. */
    long register(PendingCall call) {
        long id = lastId.incrementAndGet();
        call.id = id;
        pending.put(id, call);
        RpcException gone = closedBy;
        if (gone != null && pending.remove(id) != null) {
            call.fail(gone);
        }
        return id;
    }

    void forget(long id) {
        pending.remove(id);
    }

    /** Queues one frame for the write thread. */
    void sendFrame(ByteBuffer frame) {
        try {
            send(WebSocketProtocol.withToken(frame, token));
        } catch (WebsocketNotConnectedException e) {
            RpcException gone = closedBy;
            throw gone != null ? gone : new RpcException("websocket: connection is not open", e);
        }
    }

    /** Sends a control frame (credit, cancel) when the connection is still open; never throws. */
    void sendQuietly(ByteBuffer frame) {
        try {
            send(WebSocketProtocol.withToken(frame, token));
        } catch (WebsocketNotConnectedException e) {
            // closed: the server stops the stream on close anyway
        }
    }

    /** Why the connection is not usable, for setup's error message. */
    String failure() {
        RpcException gone = closedBy;
        Exception error = lastError;
        return error != null ? error.toString() : gone != null ? gone.getMessage() : "not connected";
    }

    /**
     * Closes with a bounded wait: the close handshake, then (if the server does not answer within
     * {@code millis}) an abrupt close; the socket is closed in any case, which ends the read thread,
     * and onClose has interrupted the write thread and stopped the ping timer.
     */
    void shutdown(long millis) {
        try {
            close();
            if (!closed.await(millis, TimeUnit.MILLISECONDS)) {
                closeConnection(CloseFrame.ABNORMAL_CLOSE, "client teardown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Socket socket = getSocket();
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            failAll(new RpcException("websocket: client torn down"));
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        // setup makes the first round trip itself
    }

    @Override
    public void onMessage(ByteBuffer frame) {
        if (frame.remaining() < WebSocketProtocol.HEADER_BYTES) {
            failAll(new RpcException("websocket: server sent a frame of " + frame.remaining()
                    + " bytes, shorter than the header"));
            close(CloseFrame.PROTOCOL_ERROR, "frame without header");
            return;
        }
        long id = frame.getLong();
        byte op = frame.get();
        PendingCall call = pending.get(id);
        if (call != null) {
            call.onFrame(op, frame);
        }
        // else: a late frame of a call that timed out or of a cancelled stream
    }

    @Override
    public void onMessage(String message) {
        failAll(new RpcException("websocket: server sent a text frame, which the protocol does not use"));
        close(CloseFrame.REFUSE, "text frames are not part of the protocol");
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        String why = "websocket: connection closed by the " + (remote ? "server" : "client")
                + " (code " + code + (reason == null || reason.isEmpty() ? "" : ": " + reason) + ")";
        failAll(new RpcException(why, lastError));
        closed.countDown();
    }

    @Override
    public void onError(Exception ex) {
        // Every onError of a client is fatal in Java-WebSocket (connect, I/O, decoding); onClose follows.
        lastError = ex;
        failAll(new RpcException("websocket: connection failed: " + ex, ex));
    }

    private void failAll(RpcException cause) {
        if (closedBy == null) {
            closedBy = cause;
        }
        for (Long id : pending.keySet()) {
            PendingCall call = pending.remove(id);
            if (call != null) {
                call.fail(cause);
            }
        }
    }
}
