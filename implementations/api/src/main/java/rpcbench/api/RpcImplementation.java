package rpcbench.api;

import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * One client connection to a server of one transport: the contract every transport implements and
 * every benchmark calls.
 *
 * <p>An instance is used by one thread at a time (JMH gives each benchmark thread its own), so
 * implementations need no locking on the call path. Every call is bounded by
 * {@link RpcSettings#callTimeoutMillis()}: a dead or silent server makes the call throw an
 * {@link RpcException} within that time, never hang.
 */
public interface RpcImplementation extends AutoCloseable {

    /** Connects to the server and returns only after one real round trip has succeeded. */
    void setup(Endpoint server) throws IOException;

    /** Releases sockets and threads. Idempotent; safe after a failed setup or a failed call. */
    void teardown();

    /** Returns {@code value + 1} (Java int arithmetic) as computed by the server. */
    int simpleCall(int value);

    /**
     * Asks the server for the values {@code 0 .. count-1}, each sent as a separate message, in
     * order, and hands each one to {@code sink} as it arrives (not after collecting them all).
     * Returns how many values arrived. If the sink throws, the stream is abandoned and the
     * exception propagates; the connection may then be unusable, but {@link #teardown()} still works.
     */
    long streamValues(int count, IntConsumer sink);

    /** Sends {@code payload} to the server and returns the bytes it sent back (the same bytes). */
    byte[] echo(byte[] payload);

    /** Same as {@link #teardown()}, so that a client works in try-with-resources. */
    @Override
    default void close() {
        teardown();
    }
}
