package rpcbench.websocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import rpcbench.api.CallAuth;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerLimits;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsIdentity;

/**
 * The websocket server: a {@link WebSocketServerEndpoint} (Java-WebSocket's selector thread plus
 * {@link #DECODERS} decoder threads unless the server mode says otherwise) and a cached pool of daemon threads, one per running stream.
 *
 * <p>Every frame is refused above {@link RpcSettings#MAX_MESSAGE_BYTES} plus the 9-byte header:
 * the client gets close code 1009 and the server goes on serving every other connection.
 * {@link GuardedDraft} checks what Java-WebSocket does not (masking, fragments, close reasons, the
 * budget for unfinished messages). Streams run on at most {@link ServerLimits#SERVER_THREADS}
 * threads, at most {@link ServerLimits#STREAMS_PER_CONNECTION} per connection; past either the
 * request gets an ERROR frame.
 *
 * <p>Idle connections ({@link RpcSettings#IDLE_TIMEOUT_MS}, 120 s unless set): one that has not
 * finished its opening handshake by then is closed by {@link HandshakeDeadline}; an open one is
 * pinged by Java-WebSocket's connection-lost check at that interval (its default is 60 s) and
 * closed when no pong came for 1.5 intervals, which also ends a client stalled inside a frame,
 * since its pong cannot overtake the frame.
 */
public final class JavaWebSocketServer implements RpcServer {

    /**
     * Decoder threads by default. Java-WebSocket's default is one per processor, which on the 2-core
     * machines this harness targets is also 2; it is fixed here so that the server's shape does not
     * change with the machine. Two, not one, so that a 10 MB echo being unmasked on one decoder does
     * not stall the small calls of connections pinned to the other; not more, because the selector
     * thread and the client JVM share the same two cores and extra threads only add switches. The
     * other {@link #MODES} choose 1, 4 or 8.
     */
    static final int DECODERS = 2;

    /** The server modes: Java-WebSocket's decoder-thread count, {@link #DECODERS} first. */
    static final List<ServerMode> MODES = List.of(decoders(DECODERS), decoders(1), decoders(4), decoders(8));

    private static final int START_MILLIS = 30_000;
    private static final int STOP_MILLIS = 5_000;

    private final int maxMessageBytes;
    private final int idleMillis;
    private final int decoders;
    private final ServerWork work;
    private final CallAuth auth;
    private final ServerLimits limits;
    private final ExecutorService streams;
    private WebSocketServerEndpoint endpoint;
    private WriteDemandKicker kicker;
    private HandshakeDeadline handshakeDeadline;
    private final boolean tls;
    private TlsIdentity identity;

    JavaWebSocketServer(RpcSettings settings, ServerMode mode) {
        maxMessageBytes = settings.maxMessageBytes();
        tls = Tls.on(settings);
        idleMillis = settings.idleTimeoutMillis();
        decoders = Integer.parseInt(mode.name().substring(mode.name().indexOf('-') + 1));
        work = ServerWork.of(settings);
        auth = CallAuth.server("websocket", settings);
        limits = ServerLimits.of(settings);
        streams = limits.threadPool("websocket-stream");
    }

    @Override
    public int start(InetAddress address, int port) throws IOException {
        if (endpoint != null) {
            throw new IllegalStateException("websocket server already started");
        }
        endpoint = new WebSocketServerEndpoint(new InetSocketAddress(address, port), decoders,
                new GuardedDraft(WebSocketProtocol.maxFrameBytes(maxMessageBytes), limits), streams, maxMessageBytes,
                limits, work, auth);
        if (tls) {
            identity = TlsIdentity.generate(address);
        }
        handshakeDeadline = new HandshakeDeadline(idleMillis, identity == null ? null : identity.serverContext());
        endpoint.setWebSocketFactory(handshakeDeadline);
        endpoint.setConnectionLostTimeout((int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(idleMillis)));
        endpoint.start();
        try {
            endpoint.awaitStarted(START_MILLIS);
            kicker = new WriteDemandKicker(endpoint);
        } catch (IOException e) {
            close();
            throw e;
        }
        return endpoint.getPort();
    }

    @Override
    public String clientTrust() {
        return identity == null ? null : identity.trustText();
    }

    private static ServerMode decoders(int count) {
        return ServerMode.of("decoders-" + count, "new WebSocketServer(address, " + count + ", drafts): "
                + count + " decoder thread(s) parse frames and run the handlers, one selector thread");
    }

    @Override
    public void close() {
        if (kicker != null) {
            kicker.close();
        }
        try {
            if (endpoint != null) {
                endpoint.stop(STOP_MILLIS); // close handshakes with every client, then the selector
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (handshakeDeadline != null) {
            handshakeDeadline.close();
        }
        streams.shutdownNow();
        try {
            streams.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
