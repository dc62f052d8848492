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
     * Waits until {@code deadlineNanos} without doing any I/O, parked: the framework's threads that
     * do the I/O may share this CPU, and a spinning (or yielding) sender starved them. Measured with
     * Jetty's client over 4 connections: 16,000 calls/s at 63 us of client CPU per call with a spin
     * for the last 150 us, 45,000 at 17 us parked. Linux wakes a parked thread 50 to 60 us late,
     * which the generator's send lag shows.
     */
    static void sleepUntil(long deadlineNanos) {
        long now;
        while ((now = System.nanoTime()) < deadlineNanos) {
            LockSupport.parkNanos(deadlineNanos - now);
        }
    }
}
