package rpcbench.load;

import java.io.IOException;

/**
 * Sends simple calls over a fixed set of connections without waiting for their answers: the
 * framework's own asynchronous client where it has one ({@link AsyncDriver}), otherwise one caller
 * thread per connection for clients that block ({@link BlockingDriver}). Each answer is checked and
 * its latency recorded in the {@link LatencyRecord} when it arrives.
 */
interface CallDriver extends AutoCloseable {

    /**
     * Starts call {@code value} on connection {@code connection}, meant for {@code intendedNanos};
     * returns without waiting for the answer.
     */
    void send(int connection, int value, long intendedNanos);

    /** Waits until {@code deadlineNanos}; a driver whose answers are read on the sender's thread reads them meanwhile. */
    void waitUntil(long deadlineNanos);

    /** How the load side calls, for the log and the result: threads and client model. */
    String describe();

    @Override
    void close();

    /** Opens a connection. */
    @FunctionalInterface
    interface Connector<C> {
        C connect() throws IOException;
    }
}
