package rpcbench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Bounds the calls in flight of one load generator, so that an overloaded server cannot make it
 * queue without limit: past the bound the sender waits for an answer (and is late, which the
 * corrected latency shows) for at most the call timeout, then counts the call as failed. While it
 * waits it lends its thread to the driver ({@code waitUntil}), whose answers may be read there.
 * Only the sender takes slots; answers, on any thread, give them back.
 */
final class Outstanding {

    private static final long WAIT_STEP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    Outstanding(int limit) {
        this.limit = limit;
    }

    /**
     * Takes a slot for one call; false, with the call recorded as failed, when none came free
     * within {@code timeoutMillis}.
     */
    boolean take(long timeoutMillis, LatencyRecord record, LongConsumer waitUntil) {
        if (inFlight.get() >= limit) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (inFlight.get() >= limit) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    record.failed("no answer to any of " + limit + " calls in flight within " + timeoutMillis + " ms");
                    return false;
                }
                waitUntil.accept(now + WAIT_STEP_NANOS);
            }
        }
        inFlight.incrementAndGet();
        return true;
    }

    void release() {
        inFlight.decrementAndGet();
    }

    /** Waits until every call has been answered, at most {@code timeoutMillis}; returns how many are still out. */
    int awaitIdle(long timeoutMillis, LongConsumer waitUntil) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long now;
        while (inFlight.get() > 0 && (now = System.nanoTime()) < deadline) {
            waitUntil.accept(Math.min(deadline, now + TimeUnit.MILLISECONDS.toNanos(1)));
        }
        return inFlight.get();
    }

    int limit() {
        return limit;
    }
}
