package rpcbench.websocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import rpcbench.api.CallAuth;
import rpcbench.api.MessageCodec;
import rpcbench.api.ServerLimits;
import rpcbench.api.ServerWork;
import rpcbench.codec.Messages;
import rpcbench.api.tls.TlsLog;


/**
 * The Java-WebSocket server proper: its selector thread does all socket I/O, and its decoder
 * threads parse frames and call {@link #onMessage(WebSocket, ByteBuffer)}. Calls and echoes are
 * answered right there (a few microseconds of work, no blocking); a stream is handed to a
 * {@link ServerStream} on the streams executor, because a decoder thread serves many connections
 * and must never wait for a slow client; a chunked download is such a stream too. Each connection
 * carries its {@link ServerCalls} as its attachment, so CREDIT and CANCEL find its streams and
 * uploads, and a closed connection cancels them all.
 */
final class WebSocketServerEndpoint extends WebSocketServer {

    private final ExecutorService streams;
    private final int maxMessageBytes;
    private final ServerLimits limits;
    private final ServerWork work;
    private final CallAuth auth;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    WebSocketServerEndpoint(InetSocketAddress address, int decoders, Draft draft, ExecutorService streams,
                            int maxMessageBytes, ServerLimits limits, ServerWork work, CallAuth auth) {
        super(address, decoders, List.of(draft));
        this.auth = auth;
        this.work = work;
        this.streams = streams;
        this.maxMessageBytes = maxMessageBytes;
        this.limits = limits;
        setTcpNoDelay(true);   // Java-WebSocket's default is off: Nagle + delayed ACK cost ~40 ms per call
        setReuseAddr(true);    // a fixed port can be bound again while old connections sit in TIME_WAIT
        setDaemon(true);       // selector, decoder and ping threads must not keep a JVM alive
    }

    /** Waits until the selector thread has bound the address, or reports why it could not. */
    void awaitStarted(long millis) throws IOException {
        try {
            started.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("websocket server cannot listen on " + getAddress() + ": " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("websocket server did not start listening within " + millis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the websocket server started", e);
        }
    }

    @Override
    public void onStart() {
        started.complete(null);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.setAttachment(new ServerCalls(conn, maxMessageBytes));
        if (conn.hasSSLSupport()) {
            TlsLog.firstHandshake("websocket", "JDK SunJSSE", conn.getSSLSession());
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        ServerCalls calls = conn.getAttachment();
        if (calls != null) {
            calls.closeAll();
        }
        if (conn instanceof WebSocketImpl impl && impl.getDraft() instanceof GuardedDraft guarded) {
            guarded.release(); // an unfinished message's budget
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && !started.isDone()) {
            started.completeExceptionally(ex); // bind failed: the library stops the server itself
            return;
        }
        System.err.println("websocket server: " + (conn == null ? "" : conn.getRemoteSocketAddress() + ": ") + ex);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        conn.close(CloseFrame.REFUSE, "text frames are not part of the protocol");
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        if (message.remaining() < WebSocketProtocol.HEADER_BYTES) {
            conn.close(CloseFrame.PROTOCOL_ERROR, "frame of " + message.remaining() + " bytes has no header");
            return;
        }
        int start = message.position();
        long id = message.getLong();
        byte op = message.get();
        try {
            if ((op & WebSocketProtocol.TOKEN_FLAG) != 0 || auth.required()) {
                start = checkToken(conn, id, op, message);
                if (start < 0) {
                    return; // refused before anything of the request is done
                }
                op &= ~WebSocketProtocol.TOKEN_FLAG;
            }
            answer(conn, id, op, message, start);
        } catch (WebsocketNotConnectedException e) {
            // the client went away before its answer; nothing to do
        }
    }

    /**
     * Reads the token field of a frame whose op has one and checks it; returns where the frame
     * without it starts (its header is moved up to the body, so that an echo answers with the
     * request's own bytes as before), or -1 after sending ERROR for this id. The connection serves on.
     */
    private int checkToken(WebSocket conn, long id, byte op, ByteBuffer message) {
        byte[] token = null;
        int start = message.position() - WebSocketProtocol.HEADER_BYTES;
        if ((op & WebSocketProtocol.TOKEN_FLAG) != 0) {
            int n = message.hasRemaining() ? message.get() & 0xFF : -1;
            if (n < 0 || n > message.remaining()) {
                conn.send(WebSocketProtocol.errorFrame(id, "malformed request: a token field of " + n + " bytes"));
                return -1;
            }
            token = new byte[n];
            message.get(token);
            start = message.position() - WebSocketProtocol.HEADER_BYTES;
            message.putLong(start, id).put(start + 8, (byte) (op & ~WebSocketProtocol.TOKEN_FLAG));
        }
        String refused = auth.check(token);
        if (refused != null) {
            conn.send(WebSocketProtocol.errorFrame(id, "unauthenticated: " + refused));
            return -1;
        }
        return start;
    }

    private void answer(WebSocket conn, long id, byte op, ByteBuffer body, int start) {
        ServerCalls calls = conn.getAttachment();
        int bodyBytes = body.remaining();
        switch (op) {
            case WebSocketProtocol.SIMPLE -> {
                if (bodyBytes == 4) {
                    int value = body.getInt();
                    work.perform();
                    conn.send(WebSocketProtocol.intFrame(id, WebSocketProtocol.SIMPLE, value + 1));
                    return;
                }
            }
            case WebSocketProtocol.ECHO -> {
                work.perform();
                conn.send(body.position(start)); // the reply is the request: same id, op and bytes
                return;
            }
            case WebSocketProtocol.MESSAGE -> {
                if (bodyBytes >= 1) {
                    conn.send(message(id, body));
                    return;
                }
            }
            case WebSocketProtocol.STREAM -> {
                if (bodyBytes == 4) {
                    startStream(conn, calls, ServerStream.values(conn, id, body.getInt()));
                    return;
                }
            }
            case WebSocketProtocol.DOWNLOAD_CHUNKS -> {
                if (bodyBytes == 12) {
                    long total = body.getLong();
                    int chunkSize = body.getInt();
                    if (total < 0 || chunkSize < 1 || chunkSize > maxMessageBytes) {
                        conn.send(WebSocketProtocol.errorFrame(id, "transfer of " + total + " bytes in chunks of "
                                + chunkSize + ": chunk size outside 1.." + maxMessageBytes));
                    } else {
                        startStream(conn, calls, ServerStream.chunks(conn, id, total, chunkSize));
                    }
                    return;
                }
            }
            case WebSocketProtocol.CREDIT -> {
                if (bodyBytes == 4) {
                    ServerStream stream = calls.streams.get(id);
                    if (stream != null) {
                        stream.grant(body.getInt());
                    }
                    return;
                }
            }
            case WebSocketProtocol.CANCEL -> {
                calls.cancel(id);
                return;
            }
            default -> {
                if (calls.answerTransfer(id, op, body)) {
                    return;
                }
            }
        }
        conn.send(WebSocketProtocol.errorFrame(id, "malformed request: op " + op + " with " + bodyBytes + " body bytes"));
    }

    /** The reply to a MESSAGE request: the summary in the codec the request names, or why it was refused. */
    private static ByteBuffer message(long id, ByteBuffer body) {
        MessageCodec codec;
        byte[] reply;
        try {
            codec = MessageCodec.byId(body.get());
            if (body.hasArray()) { // read in place: the codec is done with it before this returns
                reply = Messages.answer(codec, body.array(), body.arrayOffset() + body.position(), body.remaining());
            } else {
                byte[] order = new byte[body.remaining()];
                body.get(order);
                reply = Messages.answer(codec, order, 0, order.length);
            }
        } catch (IOException | IllegalArgumentException e) {
            return WebSocketProtocol.errorFrame(id, "message refused: " + e.getMessage());
        }
        return WebSocketProtocol.frame(id, WebSocketProtocol.MESSAGE, reply.length).put(reply).flip();
    }

    private void startStream(WebSocket conn, ServerCalls calls, ServerStream stream) {
        long id = stream.id;
        if (calls.streams.size() >= limits.streamsPerConnection()) {
            conn.send(WebSocketProtocol.errorFrame(id, limits.tooManyStreams()));
            return;
        }
        if (calls.streams.putIfAbsent(id, stream) != null) {
            conn.send(WebSocketProtocol.errorFrame(id, "stream id " + id + " is already running"));
            return;
        }
        try {
            streams.execute(stream.onDone(() -> calls.streams.remove(id)));
        } catch (RejectedExecutionException e) {
            calls.streams.remove(id);
            conn.send(WebSocketProtocol.errorFrame(id, "stream refused: every stream thread is busy ("
                    + ServerLimits.SERVER_THREADS.name() + ") or the server is shutting down"));
        }
    }
}
