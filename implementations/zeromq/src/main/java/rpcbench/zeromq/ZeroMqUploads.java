package rpcbench.zeromq;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

import org.zeromq.ZMQ;


/**
 * The chunked uploads in progress on the server, one per client identity, on the ROUTER thread.
 * UPLOAD_CHUNKS opens one with its chunk size; each CHUNK is checked and folded into the CRC as it
 * is received, and a CREDIT goes back after every batch, so the client never has more than its
 * window of chunks in flight (the high-water mark alone would allow 1000 chunks of any size); one
 * that sends beyond its credit is refused. UPLOADED is answered by the receipt.
 */
final class ZeroMqUploads {

    private final int maxMessageBytes;
    private final Map<ByteBuffer, Upload> open = new HashMap<>();
    private final ZMQ.Socket router;

    ZeroMqUploads(ZMQ.Socket router, int maxMessageBytes) {
        this.router = router;
        this.maxMessageBytes = maxMessageBytes;
    }

    private static final class Upload {
        final int chunkSize;
        final int batch;
        final CRC32 crc = new CRC32();
        long bytes;
        long chunks;
        int credit;
        int sinceGrant;

        Upload(int chunkSize) {
            this.chunkSize = chunkSize;
            this.credit = ZeroMqProtocol.chunkWindow(chunkSize);
            this.batch = ZeroMqProtocol.grantBatch(credit);
        }
    }

    /**
     * Handles UPLOAD_CHUNKS, CHUNK and UPLOADED; returns an error text when the request is refused
     * (the upload is then dropped), else null.
     */
    String handle(byte[] identity, byte kind, int argument, byte[] payload) {
        ByteBuffer key = ByteBuffer.wrap(identity);
        if (kind == ZeroMqProtocol.UPLOAD_CHUNKS) {
            if (payload != null || argument < 1 || argument > maxMessageBytes) {
                return "chunk size " + argument + " outside 1.." + maxMessageBytes;
            }
            open.put(key, new Upload(argument));
            return null;
        }
        if (kind == ZeroMqProtocol.UPLOADED) {
            Upload u = open.remove(key);
            if (u == null) {
                return "no chunked upload is open";
            }
            ZeroMqServer.send(router, identity, ZeroMqProtocol.header(ZeroMqProtocol.UPLOADED, 0),
                    ByteBuffer.wrap(ZeroMqProtocol.longs(u.bytes, u.chunks, u.crc.getValue())));
            return null;
        }
        Upload u = open.get(key);
        if (u == null) {
            return null; // the upload was refused or cancelled; its chunks in flight are dropped
        }
        int n = payload == null ? -1 : payload.length;
        if (n != argument || n < 1 || n > u.chunkSize || --u.credit < 0) {
            open.remove(key);
            return u.credit < 0 ? "chunk " + (u.chunks + 1) + " sent without credit"
                    : "chunk of " + n + " bytes outside 1.." + u.chunkSize + " (the upload's chunk size)";
        }
        u.crc.update(payload);
        u.bytes += n;
        u.chunks++;
        if (++u.sinceGrant == u.batch) {
            u.sinceGrant = 0;
            u.credit += u.batch;
            ZeroMqServer.send(router, identity, ZeroMqProtocol.header(ZeroMqProtocol.CREDIT, u.batch), null);
        }
        return null;
    }

    /** The client cancelled its upload or its connection dropped. */
    void stop(byte[] identity) {
        open.remove(ByteBuffer.wrap(identity));
    }
}
