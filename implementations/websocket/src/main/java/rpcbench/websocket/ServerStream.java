package rpcbench.websocket;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * Produces one stream on a thread of its own, never on Java-WebSocket's selector or decoder
 * threads: those serve every connection and must not wait.
 *
 * <p>Backpressure is by credits. Java-WebSocket's outgoing queue is unbounded, so writing ten
 * million values as fast as the loop runs would queue them all in memory. This producer sends a
 * value only against a credit: it starts with {@link WebSocketProtocol#STREAM_WINDOW} and the
 * client grants more as its sink consumes values. A client that stops reading stops granting, and
 * the producer waits; a client that cancels or disconnects ends the stream at once.
 */
final class ServerStream implements Runnable {

    /** How long one wait for credit lasts before cancellation and idleness are looked at again. */
    private static final long POLL_MILLIS = 100;

    private final WebSocket connection;
    private final long id;
    private final int count;
    private final Runnable onDone;
    private final Semaphore credits = new Semaphore(WebSocketProtocol.STREAM_WINDOW);
    private volatile boolean cancelled;

    /** @param onDone run when the producer ends, however it ends */
    ServerStream(WebSocket connection, long id, int count, Runnable onDone) {
        this.connection = connection;
        this.id = id;
        this.count = Math.max(count, 0);
        this.onDone = onDone;
    }

    /**
     * Allows {@code values} more. A client that keeps to the protocol never holds more than a
     * window of credit, so anything beyond that is clamped: no client can make the server queue more.
     */
    void grant(int values) {
        int room = WebSocketProtocol.STREAM_WINDOW - credits.availablePermits();
        int granted = Math.min(values, room);
        if (granted > 0) {
            credits.release(granted);
        }
    }

    /** Stops the producer (the client cancelled or went away); it wakes up if it waits for credit. */
    void cancel() {
        cancelled = true;
        credits.release();
    }

    @Override
    public void run() {
        try {
            produce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is shutting down
        } catch (WebsocketNotConnectedException e) {
            // the client went away between two values; onClose has cancelled the stream
        } finally {
            onDone.run();
        }
    }

    private void produce() throws InterruptedException {
        int sent = 0;
        // Each pass sends at least one value or waits at most POLL_MILLIS; a client that stops
        // granting ends the loop by cancelling or by closing its connection (a dead peer is closed
        // by TCP or, on a silent network, by Java-WebSocket's lost-connection ping). No idle limit:
        // a slow sink is allowed, and while it is slow the producer holds no more than a window.
        while (sent < count) {
            int granted = credits.drainPermits();
            if (granted == 0 && credits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                granted = 1;
            }
            if (cancelled || !connection.isOpen()) {
                return;
            }
            int end = (int) Math.min(count, (long) sent + granted);
            for (; sent < end && !cancelled; sent++) {
                connection.send(WebSocketProtocol.intFrame(id, WebSocketProtocol.VALUE, sent));
            }
        }
        if (!cancelled) {
            connection.send(WebSocketProtocol.longFrame(id, WebSocketProtocol.END, count));
        }
    }
}
