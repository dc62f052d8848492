package rpcbench.relay;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of a relayed connection, a fixed delay long: a reader thread stamps each chunk it
 * reads with its arrival time and queues it, a writer thread writes it once the delay has passed.
 * Two threads, so the relay keeps reading while chunks wait, as a wire keeps carrying bytes while
 * earlier ones are in flight. At most {@link #MAX_IN_FLIGHT} bytes wait in the queue: beyond that
 * the reader stops reading, so TCP backpressure reaches the sender as it would on a real link.
 *
 * <p>Without delay (the wire pass, and the relay's own cost) one thread reads and writes each chunk.
 *
 * <p>The delay is added per chunk the relay reads (up to 64 KiB, whatever one read returned), not
 * per packet. {@code parkNanos} wakes late (Linux's timer slack is 50 µs, and a busy machine adds
 * more), so the writer parks until its learnt lateness before the due time and spins the rest; the
 * delay really added is measured per chunk (arrival to start of its write) into an
 * {@link AddedDelay}.
 */
final class DelayLine {

    /** Bytes read but not yet written, per direction of a connection. */
    static final int MAX_IN_FLIGHT = 4 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    /** Spin at most this long per chunk, however late parkNanos has woken so far. */
    private static final long MAX_SPIN_NANOS = 200_000;
    /** Queue markers: the sender closed its output (pass it on), or its connection failed (close). */
    private static final Chunk END = new Chunk(new byte[0], 0);
    private static final Chunk RESET = new Chunk(new byte[0], 0);

    private record Chunk(byte[] bytes, long arrivedNanos) {
    }

    private final Socket from;
    private final Socket to;
    private final long delayNanos;
    private final AtomicLong bytes;
    private final AddedDelay added;
    private final Runnable whenDone;
    private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(MAX_IN_FLIGHT);
    /** How late parkNanos wakes, a moving average kept by the writer thread alone. */
    private long latenessNanos;

    /**
     * @param bytes    counts every byte read from {@code from}
     * @param whenDone runs once, when the writer has stopped (end of stream passed on, or a failure)
     */
    DelayLine(Socket from, Socket to, long delayNanos, AtomicLong bytes, AddedDelay added, Runnable whenDone) {
        this.from = from;
        this.to = to;
        this.delayNanos = delayNanos;
        this.bytes = bytes;
        this.added = added;
        this.whenDone = whenDone;
    }

    /**
     * Without delay one thread reads and writes (no hand-off, as in the wire pass, and the least a
     * relay can cost); with a delay a reader and a writer share the queue.
     */
    void start(String name) {
        if (delayNanos == 0) {
            Relay.daemon(name, () -> writeLoop(new Reader()::next));
        } else {
            Relay.daemon(name + "-read", this::readLoop);
            Relay.daemon(name + "-write", () -> writeLoop(queue::take));
        }
    }

    /**
     * Reads {@link #from} chunk by chunk, END or RESET last; holds a chunk back while the writer
     * is {@link #MAX_IN_FLIGHT} bytes behind (it releases each chunk's room once written).
     */
    private final class Reader {
        private final byte[] buffer = new byte[CHUNK];

        Chunk next() {
            try {
                int n = from.getInputStream().read(buffer);
                if (n < 0) {
                    return END;
                }
                long arrived = System.nanoTime();
                bytes.addAndGet(n);
                room.acquireUninterruptibly(n);
                return new Chunk(Arrays.copyOf(buffer, n), arrived);
            } catch (IOException e) {
                return RESET; // a reset (or the relay closing) on one side resets the other
            }
        }
    }

    private void readLoop() {
        Reader reader = new Reader();
        for (Chunk c = reader.next(); ; c = reader.next()) {
            queue.add(c);
            if (c == END || c == RESET) {
                return;
            }
        }
    }

    private interface Source {
        Chunk next() throws InterruptedException;
    }

    /** Returns at {@code due} or just after, never before; both loops end once due has passed. */
    private void waitUntil(long due) {
        for (long left = due - System.nanoTime(); left > latenessNanos; left = due - System.nanoTime()) {
            long wake = due - latenessNanos;
            LockSupport.parkNanos(left - latenessNanos);
            long late = Math.min(Math.max(System.nanoTime() - wake, 0), MAX_SPIN_NANOS);
            latenessNanos += (late - latenessNanos) / 8;
        }
        while (due - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }

    private void writeLoop(Source source) {
        try {
            OutputStream out = to.getOutputStream();
            for (Chunk c = source.next(); c != END; c = source.next()) {
                if (c == RESET) {
                    Relay.closeQuietly(to);
                    return;
                }
                waitUntil(c.arrivedNanos() + delayNanos);
                added.record(System.nanoTime() - c.arrivedNanos());
                out.write(c.bytes());
                room.release(c.bytes().length);
            }
            to.shutdownOutput(); // pass the end of stream on, as a direct connection would
        } catch (IOException | InterruptedException e) {
            Relay.closeQuietly(to);
            Relay.closeQuietly(from); // nobody will write what the reader still reads
        } finally {
            room.release(MAX_IN_FLIGHT); // a reader waiting for room must not wait forever
            whenDone.run();
        }
    }
}
