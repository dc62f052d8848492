package rpcbench.zeromq;

import java.nio.ByteBuffer;

import org.zeromq.ZMQ;

import rpcbench.api.TransferPattern;

/**
 * One chunked download on the server: {@code totalBytes} of {@link TransferPattern} in CHUNK
 * messages of {@code chunkSize} (the last may be shorter), then DOWNLOADED with the byte count,
 * pumped by {@link ZeroMqStreams} like a value stream.
 *
 * <p>A chunk is sent only against a credit: the download starts with
 * {@link ZeroMqProtocol#chunkWindow(int)} chunks and the client grants more as its sink takes
 * them. That bounds the bytes queued for a client whatever the chunk size (the high-water mark
 * counts messages), and lets the chunks be sent without a copy from a ring of {@code window}
 * reused buffers: JeroMQ keeps a reference to a sent buffer until it is on the wire, and chunk i
 * is only sent once the client has granted credit for chunk i - window, that is, received it.
 */
final class ZeroMqChunks extends ZeroMqStreams.Stream {

    private final long totalBytes;
    private final int chunkSize;
    private final byte[][] ring;

    ZeroMqChunks(byte[] identity, long totalBytes, int chunkSize) {
        // The window bounds credit too: more than that would let a buffer be refilled while still queued.
        super(identity, totalBytes / chunkSize + (totalBytes % chunkSize == 0 ? 0 : 1), ZeroMqProtocol.chunkWindow(chunkSize));
        this.totalBytes = totalBytes;
        this.chunkSize = chunkSize;
        this.ring = new byte[(int) Math.min(window, messages)][];
    }

    @Override
    ZeroMqServer.Delivery send(ZMQ.Socket router) {
        if (next == messages) {
            return ZeroMqServer.send(router, identity, ZeroMqProtocol.header(ZeroMqProtocol.DOWNLOADED, 0),
                    ByteBuffer.wrap(ZeroMqProtocol.longs(totalBytes)));
        }
        long offset = next * chunkSize;
        int n = (int) Math.min(chunkSize, totalBytes - offset);
        int slot = (int) (next % window);
        if (ring[slot] == null) {
            ring[slot] = new byte[(int) Math.min(chunkSize, totalBytes)];
        }
        TransferPattern.fill(ring[slot], 0, n, offset);
        return ZeroMqServer.send(router, identity, ZeroMqProtocol.header(ZeroMqProtocol.CHUNK, n),
                ByteBuffer.wrap(ring[slot], 0, n).slice());
    }
}
