package rpcbench.load;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the calls in flight of one load generator, so that an overloaded server cannot make it
 * queue without limit: past the bound the sender waits for an answer (and is late, which the
 * corrected latency shows) for at most the call timeout, then counts the call as failed.
 */
final class Outstanding {

    private final int limit;
    private final Semaphore permits;

    Outstanding(int limit) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /**
     * Takes a slot for one call; false, with the call recorded as failed, when none came free
     * within {@code timeoutMillis} (or the sender was interrupted).
     */
    boolean take(long timeoutMillis, LatencyRecord record) {
        try {
            if (permits.tryAcquire() || permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                return true;
            }
            record.failed("no answer to any of " + limit + " calls in flight within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record.failed("the sender was interrupted");
        }
        return false;
    }

    void release() {
        permits.release();
    }

    /** Waits until every call has been answered, at most {@code timeoutMillis}; returns how many are still out. */
    int awaitIdle(long timeoutMillis) throws InterruptedException {
        if (permits.tryAcquire(limit, timeoutMillis, TimeUnit.MILLISECONDS)) {
            permits.release(limit);
            return 0;
        }
        return limit - permits.availablePermits();
    }

    int limit() {
        return limit;
    }
}
