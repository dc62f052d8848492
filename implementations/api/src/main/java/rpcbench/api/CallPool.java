package rpcbench.api;

import java.util.concurrent.locks.LockSupport;

/**
 * Many connections of one transport to one server, driven by one thread: the open-loop load
 * generator starts simple calls on them without waiting, and while it waits for the next send time
 * it lends its thread to the pool ({@link #runUntil}), so that a framework whose client can run on
 * the caller's thread (a Netty event loop, ZeroMQ sockets polled by their owner) reads its answers
 * there, with no hand-off between threads, as the frameworks' own load tools do. A framework whose
 * client has threads of its own answers on them, and {@link #runUntil} just waits.
 *
 * <p>Only the thread that made the pool calls {@link #start} and {@link #runUntil}. Every call is
 * bounded by the call timeout: its outcome always arrives.
 */
public interface CallPool extends AutoCloseable {

    /** Ahead of a deadline by more than this, {@link #sleepUntil} parks (the OS wakes it ~60 us late). */
    long PARK_ABOVE_NANOS = 150_000;
    /** How much earlier than the deadline a park is asked to end. */
    long PARK_EARLY_NANOS = 80_000;

    /** What became of one call, reported once, on whichever thread the framework answers. */
    @FunctionalInterface
    interface Outcome {
        /** {@code failure} is null for an answered call, whose answer is {@code answer}. */
        void completed(int answer, RpcException failure);
    }

    /**
     * Starts {@code simpleCall(value)} on connection {@code connection} (0-based); never waits for
     * the answer. A call that cannot even start reports its failure to {@code outcome} too.
     */
    void start(int connection, int value, Outcome outcome);

    /** Does the pool's I/O on this thread until {@code deadlineNanos} ({@link System#nanoTime()}), or waits. */
    void runUntil(long deadlineNanos);

    /** How the pool calls: connections, threads, which API. One line for the log and the docs. */
    String describe();

    /** Closes every connection and releases the pool's threads; calls still in flight fail. */
    @Override
    void close();

    /**
     * Waits until {@code deadlineNanos} without doing any I/O: parks while far ahead, then spins.
     * Not {@link Thread#yield()}: a yield hands the CPU to any runnable thread, a niced build on
     * the same CPU included, for its whole time slice (milliseconds); a framework thread woken by
     * its I/O preempts a spinning thread anyway.
     */
    static void sleepUntil(long deadlineNanos) {
        long now;
        while ((now = System.nanoTime()) < deadlineNanos) {
            long ahead = deadlineNanos - now;
            if (ahead > PARK_ABOVE_NANOS) {
                LockSupport.parkNanos(ahead - PARK_EARLY_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
