package rpcbench.websocket;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.java_websocket.WebSocket;
import org.java_websocket.server.WebSocketServer;

/**
 * Works around a lost-write race in Java-WebSocket 1.6.0's server. Its selector thread writes a
 * connection's queue and then sets the key's interest back to OP_READ; a decoder thread that
 * queues a reply (and asks for OP_WRITE) between those two steps has its request overwritten, so
 * the reply sits in the queue until something else makes the connection writable. The window
 * opens when a key carries a stale "writable" flag (keys handled only for writing are never
 * removed from the selected set), and it was hit under 8 concurrent clients: a call then waited
 * out its whole timeout.
 *
 * <p>The library's doWrite is private, so the fix lives outside it: every {@link #PERIOD_MILLIS}
 * this daemon renews the write demand of every connection with queued data. A lost write now
 * costs at most that long instead of a timeout; a connection with nothing queued is not touched.
 */
final class WriteDemandKicker implements AutoCloseable {

    static final long PERIOD_MILLIS = 2;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "websocket-write-demand-kicker");
        t.setDaemon(true);
        return t;
    });

    WriteDemandKicker(WebSocketServer server) {
        timer.scheduleWithFixedDelay(() -> kick(server), PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void kick(WebSocketServer server) {
        try {
            for (WebSocket conn : server.getConnections()) {
                if (conn.isOpen() && conn.hasBufferedData()) {
                    server.onWriteDemand(conn);
                }
            }
        } catch (RuntimeException e) {
            // a connection closing under our feet: the next round looks again
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
