package rpcbench.websocket;

import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

import rpcbench.api.TransferPattern;

/**
 * Produces one server-to-client stream, of values ({@link #values}) or of transfer chunks
 * ({@link #chunks}), on a thread of its own, never on Java-WebSocket's selector or decoder threads:
 * those serve every connection and must not wait.
 *
 * <p>Backpressure is by credits. Java-WebSocket's outgoing queue is unbounded, so writing ten
 * million values (or 100 GB of chunks) as fast as the loop runs would queue them all in memory.
 * This producer sends a message only against a credit: it starts with a window (of values, or of
 * chunks worth about {@link WebSocketProtocol#TRANSFER_WINDOW_BYTES}) and the client grants more as
 * its sink consumes. A client that stops reading stops granting, and the producer waits; a client
 * that cancels or disconnects ends the stream at once.
 */
abstract class ServerStream implements Runnable {

    /** How long one wait for credit lasts before cancellation and idleness are looked at again. */
    private static final long POLL_MILLIS = 100;

    final WebSocket connection;
    final long id;
    final long messages;
    private final int window;
    private final Semaphore credits;
    private volatile boolean cancelled;
    private Runnable onDone = () -> { };

    private ServerStream(WebSocket connection, long id, long messages, int window) {
        this.connection = connection;
        this.id = id;
        this.messages = messages;
        this.window = window;
        this.credits = new Semaphore(window);
    }

    /** The values 0..count-1, one VALUE frame each, then END with the count. */
    static ServerStream values(WebSocket connection, long id, int count) {
        return new ServerStream(connection, id, Math.max(count, 0), WebSocketProtocol.STREAM_WINDOW) {
            @Override
            ByteBuffer message(long index) {
                return WebSocketProtocol.intFrame(id, WebSocketProtocol.VALUE, (int) index);
            }
        };
    }

    /**
     * {@code totalBytes} of {@link TransferPattern} in CHUNK frames of {@code chunkSize} (the last
     * may be shorter), then END with the byte count. One frame buffer is filled and reused for every
     * chunk: Java-WebSocket copies it into its own framed buffer before send returns.
     */
    static ServerStream chunks(WebSocket connection, long id, long totalBytes, int chunkSize) {
        long chunks = totalBytes / chunkSize + (totalBytes % chunkSize == 0 ? 0 : 1);
        int largest = (int) Math.min(chunkSize, totalBytes);
        ByteBuffer frame = WebSocketProtocol.frame(id, WebSocketProtocol.CHUNK, largest);
        return new ServerStream(connection, id, chunks, WebSocketProtocol.chunkWindow(chunkSize)) {
            @Override
            ByteBuffer message(long index) {
                long offset = index * chunkSize;
                int n = (int) Math.min(chunkSize, totalBytes - offset);
                TransferPattern.fill(frame.array(), WebSocketProtocol.HEADER_BYTES, n, offset);
                return frame.limit(WebSocketProtocol.HEADER_BYTES + n).position(0);
            }

            @Override
            ByteBuffer end() {
                return WebSocketProtocol.longFrame(id, WebSocketProtocol.END, totalBytes);
            }
        };
    }

    /** The frame of message {@code index}; called in order, on the producer thread. */
    abstract ByteBuffer message(long index);

    /** The frame after the last message. */
    ByteBuffer end() {
        return WebSocketProtocol.longFrame(id, WebSocketProtocol.END, messages);
    }

    /** Runs {@code action} when the producer ends, however it ends; set before the stream runs. */
    ServerStream onDone(Runnable action) {
        onDone = action;
        return this;
    }

    /**
     * Allows {@code more} messages. A client that keeps to the protocol never holds more than a
     * window of credit, so anything beyond that is clamped: no client can make the server queue more.
     */
    void grant(int more) {
        int granted = Math.min(more, window - credits.availablePermits());
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
            // the client went away between two messages; onClose has cancelled the stream
        } finally {
            onDone.run();
        }
    }

    private void produce() throws InterruptedException {
        long sent = 0;
        // Each pass sends at least one message or waits at most POLL_MILLIS; a client that stops
        // granting ends the loop by cancelling or by closing its connection (a dead peer is closed
        // by TCP or, on a silent network, by Java-WebSocket's lost-connection ping). No idle limit:
        // a slow sink is allowed, and while it is slow the producer holds no more than a window.
        while (sent < messages) {
            int granted = credits.drainPermits();
            if (granted == 0 && credits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                granted = 1;
            }
            if (cancelled || !connection.isOpen()) {
                return;
            }
            long end = Math.min(messages, sent + granted);
            for (; sent < end && !cancelled; sent++) {
                connection.send(message(sent));
            }
        }
        if (!cancelled) {
            connection.send(end());
        }
    }
}
