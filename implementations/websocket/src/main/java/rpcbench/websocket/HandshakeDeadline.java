package rpcbench.websocket;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.SSLParametersWebSocketServerFactory;

import rpcbench.api.tls.Tls;

/**
 * Closes accepted connections that have not finished the WebSocket opening handshake within the
 * idle timeout, silent or stalled half-way through the HTTP upgrade request. Java-WebSocket has
 * no such limit: its connection-lost check (ping/pong) only covers open connections, so without
 * this a client could hold a socket and its buffers forever by connecting and sending nothing.
 *
 * <p>It is the server's connection factory (the library's default one, plus a note of when each
 * connection was accepted; with TLS the library's {@code SSLParametersWebSocketServerFactory} wraps
 * each channel) and a daemon that looks at the noted connections a few times per
 * timeout.
 */
final class HandshakeDeadline implements WebSocketServerFactory, AutoCloseable {

    private final long timeoutMillis;
    private final Map<WebSocketImpl, Long> accepted = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "websocket-handshake-deadline");
        t.setDaemon(true);
        return t;
    });

    /** The library's factory: its default, or its WSS one (SSLSocketChannel2 over an SSLEngine). */
    private final WebSocketServerFactory library;

    HandshakeDeadline(long timeoutMillis, SSLContext tlsContext) {
        this.timeoutMillis = timeoutMillis;
        this.library = tlsContext == null ? new DefaultWebSocketServerFactory()
                : new SSLParametersWebSocketServerFactory(tlsContext, Tls.only13(tlsContext.getDefaultSSLParameters()));
        long period = Math.max(10, Math.min(1000, timeoutMillis / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
        return library.wrapChannel(channel, key);
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
        return noted(library.createWebSocket(adapter, draft));
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
        return noted(library.createWebSocket(adapter, drafts));
    }

    private WebSocketImpl noted(WebSocketImpl connection) {
        accepted.put(connection, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        return connection;
    }

    private void sweep() {
        long now = System.nanoTime();
        accepted.forEach((connection, deadline) -> {
            if (connection.getReadyState() != ReadyState.NOT_YET_CONNECTED) {
                accepted.remove(connection);   // opened (the ping/pong check takes over) or closed
            } else if (now - deadline > 0) {
                accepted.remove(connection);
                try {
                    connection.closeConnection(CloseFrame.NEVER_CONNECTED,
                            "no WebSocket handshake within " + timeoutMillis + " ms");
                } catch (RuntimeException e) {
                    // closing under the selector's feet: the socket is closed either way
                }
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        accepted.clear();
        library.close();
    }
}
