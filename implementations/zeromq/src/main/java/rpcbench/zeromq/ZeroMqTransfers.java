package rpcbench.zeromq;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import rpcbench.api.CallersOwn;
import rpcbench.api.RpcException;
import rpcbench.api.TransferReceipt;

/**
 * The client's side of chunked transfers on its DEALER, one CHUNK message per chunk, paced by
 * credits as {@link ZeroMqProtocol} describes; the high-water marks stay in place underneath.
 *
 * <p>Upload chunks are sent without a copy (JeroMQ queues a reference to the array) from a ring of
 * {@code window} buffers, each refilled from the source only once the server has granted credit
 * for the chunk after the one it held: the server grants credit for what it has received, so the
 * buffer is off the wire by then. Download chunks go to the sink straight from the array JeroMQ
 * decoded them into.
 */
final class ZeroMqTransfers {

    private ZeroMqTransfers() {
    }

    /** Sends the source in chunks and returns the server's receipt; a source failure is CallersOwn. */
    static TransferReceipt upload(ZeroMqLink link, InputStream source, int chunkSize) throws CallersOwn {
        String call = "uploadStream";
        link.send(call, ZeroMqProtocol.header(ZeroMqProtocol.UPLOAD_CHUNKS, chunkSize), null);
        int window = ZeroMqProtocol.chunkWindow(chunkSize);
        byte[][] ring = new byte[window][];
        int credit = window;
        // Bounded by the source: every pass sends one non-empty chunk of it, or ends.
        for (long chunks = 0; ; chunks++) {
            // Bounded: each wait brings credit (at most a window of it) or fails within the call timeout.
            while (credit == 0) {
                credit = credit(link, call, credit, window);
            }
            int slot = (int) (chunks % window);
            if (ring[slot] == null) {
                ring[slot] = new byte[chunkSize];
            }
            int n = CallersOwn.read(source, ring[slot]);
            if (n == 0) {
                break;
            }
            link.send(call, ZeroMqProtocol.header(ZeroMqProtocol.CHUNK, n), ByteBuffer.wrap(ring[slot], 0, n).slice());
            credit--;
        }
        link.send(call, ZeroMqProtocol.header(ZeroMqProtocol.UPLOADED, 0), null);
        // Bounded: credits still on their way come first, at most one per batch of chunks sent.
        while (true) {
            byte[] header = link.receiveHeader(call);
            if (ZeroMqProtocol.kind(header) == ZeroMqProtocol.UPLOADED) {
                ByteBuffer receipt = ByteBuffer.wrap(link.receivePayload(call, 24));
                return new TransferReceipt(receipt.getLong(), receipt.getLong(), receipt.getLong());
            }
            if (ZeroMqProtocol.kind(header) != ZeroMqProtocol.CREDIT) {
                throw new RpcException("zeromq: uploadStream got reply kind " + ZeroMqProtocol.kind(header));
            }
        }
    }

    /** Waits for the server's next CREDIT and returns the credit it brings (never beyond the window). */
    private static int credit(ZeroMqLink link, String call, int credit, int window) {
        int more = ZeroMqProtocol.argument(link.expect(call, ZeroMqProtocol.CREDIT));
        if (more < 1 || more > window - credit) {
            throw new RpcException("zeromq: server granted " + more + " chunks beyond the window of " + window);
        }
        return credit + more;
    }

    /** Writes each chunk to the sink as it arrives; returns the bytes that arrived; a sink failure is CallersOwn. */
    static long download(ZeroMqLink link, long totalBytes, int chunkSize, OutputStream sink) throws CallersOwn {
        String call = "downloadStream";
        link.send(call, ZeroMqProtocol.header(ZeroMqProtocol.DOWNLOAD_CHUNKS, chunkSize),
                ByteBuffer.wrap(ZeroMqProtocol.longs(totalBytes)));
        int batch = ZeroMqProtocol.grantBatch(ZeroMqProtocol.chunkWindow(chunkSize));
        int sinceGrant = 0;
        long arrived = 0;
        // Bounded: every pass takes a non-empty chunk the server still owes, or ends the transfer.
        while (true) {
            byte[] header = link.receiveHeader(call);
            byte kind = ZeroMqProtocol.kind(header);
            int n = ZeroMqProtocol.argument(header);
            if (kind == ZeroMqProtocol.DOWNLOADED) {
                long sent = ByteBuffer.wrap(link.receivePayload(call, 8)).getLong();
                if (sent != arrived || arrived != totalBytes) {
                    throw new RpcException("zeromq: server sent " + sent + " bytes but " + arrived + " of the "
                            + totalBytes + " asked for arrived");
                }
                return arrived;
            }
            if (kind != ZeroMqProtocol.CHUNK || n < 1 || n > chunkSize || n > totalBytes - arrived) {
                throw new RpcException("zeromq: downloadStream got kind " + kind + " with " + n + " after "
                        + arrived + " of " + totalBytes + " bytes in chunks of " + chunkSize);
            }
            byte[] chunk = link.receivePayload(call, n);
            arrived += n;
            CallersOwn.write(sink, chunk, n);
            if (++sinceGrant == batch) {
                sinceGrant = 0;
                link.send(call, ZeroMqProtocol.header(ZeroMqProtocol.CREDIT, batch), null);
            }
        }
    }
}
