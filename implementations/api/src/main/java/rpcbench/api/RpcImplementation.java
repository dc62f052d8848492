package rpcbench.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.IntConsumer;

/**
 * One client connection to a server of one transport: the contract every transport implements and
 * every benchmark calls.
 *
 * <p>An instance is used by one thread at a time (JMH gives each benchmark thread its own), so
 * implementations need no locking on the call path. Every call is bounded by
 * {@link RpcSettings#CALL_TIMEOUT_MS}: a dead or silent server makes the call throw an
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

    /**
     * Bandwidth up: sends {@code payload} to the server as one message; the server answers with
     * how many bytes it received, which this returns.
     */
    long upload(byte[] payload);

    /**
     * Bandwidth down: asks the server for {@code size} bytes as one message and returns them. The
     * bytes are {@link TransferPattern} from offset 0, so the caller can check them.
     *
     * @throws IllegalArgumentException when size is negative or above {@link RpcSettings#MAX_MESSAGE_BYTES}
     */
    byte[] download(int size);

    /**
     * Chunked upload, as a file is sent: reads {@code source} to its end in chunks of up to
     * {@code chunkSize} bytes and sends each chunk as a separate message over the transport's own
     * streaming facility, respecting its backpressure; returns the server's receipt for the whole
     * transfer. An exception from the source propagates (the connection may then be unusable).
     *
     * @throws IllegalArgumentException when chunkSize is not in 1..{@link RpcSettings#MAX_MESSAGE_BYTES}
     */
    TransferReceipt uploadStream(InputStream source, int chunkSize) throws IOException;

    /**
     * Chunked download: asks the server for {@code totalBytes} of {@link TransferPattern} in chunks
     * of {@code chunkSize} bytes (the last may be shorter), each a separate message over the
     * transport's streaming facility, and writes each chunk to {@code sink} as it arrives. Returns
     * how many bytes arrived. If the sink throws, the transfer is abandoned and the exception
     * propagates, as in {@link #streamValues}.
     *
     * @throws IllegalArgumentException when totalBytes is negative or chunkSize is not in
     *                                  1..{@link RpcSettings#MAX_MESSAGE_BYTES}
     */
    long downloadStream(long totalBytes, int chunkSize, OutputStream sink) throws IOException;

    /**
     * Sends {@code order} to the server encoded with {@code codec}; the server decodes it, reads
     * every field ({@link OrderSummary#of}) and answers with the summary in the same codec, which
     * this returns decoded.
     *
     * @throws IllegalArgumentException when this transport cannot carry {@code codec} (one of
     *                                  {@link Transport#codecs()}), before anything is sent
     */
    OrderSummary message(Order order, MessageCodec codec);

    /** Same as {@link #teardown()}, so that a client works in try-with-resources. */
    @Override
    default void close() {
        teardown();
    }
}
