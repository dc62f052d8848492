package rpcbench.websocket;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

import org.java_websocket.WebSocket;

import rpcbench.api.TransferPattern;

/**
 * The calls running on one server connection (its attachment): the streams it produces, found by
 * id for CREDIT and CANCEL, and its chunked uploads. Also answers the whole-message transfers.
 *
 * <p>Every frame of a connection is decoded by the one decoder thread Java-WebSocket pins it to, so
 * an upload's state is touched by one thread; the maps are concurrent because onClose comes from
 * the selector thread. Each upload chunk is checked and folded into the CRC as it arrives, on the
 * decoder thread, and a CREDIT goes back after every batch: the client never has more than its
 * window of chunks in flight, and one that sends beyond its credit is refused.
 */
final class ServerCalls {

    private final WebSocket connection;
    private final int maxMessageBytes;
    final Map<Long, ServerStream> streams = new ConcurrentHashMap<>();
    private final Map<Long, Upload> uploads = new ConcurrentHashMap<>();

    ServerCalls(WebSocket connection, int maxMessageBytes) {
        this.connection = connection;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Answers UPLOAD, DOWNLOAD, UPLOAD_CHUNKS, CHUNK and UPLOADED (an ERROR reply when malformed
     * or refused); false for any other op.
     */
    boolean answerTransfer(long id, byte op, ByteBuffer body) {
        int bodyBytes = body.remaining();
        switch (op) {
            case WebSocketProtocol.UPLOAD -> // already bounded by the draft's maximum frame size
                    connection.send(WebSocketProtocol.longFrame(id, WebSocketProtocol.UPLOAD, bodyBytes));
            case WebSocketProtocol.DOWNLOAD -> {
                int size = bodyBytes == 4 ? body.getInt() : -1;
                if (size < 0 || size > maxMessageBytes) {
                    refuse(id, "download size " + size + " outside 0.." + maxMessageBytes);
                } else {
                    ByteBuffer frame = WebSocketProtocol.frame(id, WebSocketProtocol.DOWNLOAD, size);
                    TransferPattern.fill(frame.array(), WebSocketProtocol.HEADER_BYTES, size, 0);
                    connection.send(frame.position(0));
                }
            }
            case WebSocketProtocol.UPLOAD_CHUNKS -> {
                int chunkSize = bodyBytes == 4 ? body.getInt() : -1;
                if (chunkSize < 1 || chunkSize > maxMessageBytes) {
                    refuse(id, "chunk size " + chunkSize + " outside 1.." + maxMessageBytes);
                } else if (uploads.putIfAbsent(id, new Upload(chunkSize)) != null) {
                    refuse(id, "upload id " + id + " is already open");
                }
            }
            case WebSocketProtocol.CHUNK -> {
                Upload upload = uploads.get(id);
                // No upload under this id: it was refused or cancelled, and these chunks were already
                // on the wire; the client has stopped waiting for them, so they are dropped.
                if (upload != null) {
                    upload.accept(id, body);
                }
            }
            case WebSocketProtocol.UPLOADED -> {
                Upload upload = uploads.remove(id);
                if (upload == null) {
                    connection.send(WebSocketProtocol.errorFrame(id, "no chunked upload open under id " + id));
                } else {
                    connection.send(WebSocketProtocol.frame(id, WebSocketProtocol.UPLOADED, 24).putLong(upload.bytes)
                            .putLong(upload.chunks).putLong(upload.crc.getValue()).flip());
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Stops the stream or drops the upload running under {@code id}, if any. */
    void cancel(long id) {
        ServerStream stream = streams.get(id);
        if (stream != null) {
            stream.cancel();
        }
        uploads.remove(id);
    }

    /** The connection closed: every producer stops, every upload is forgotten. */
    void closeAll() {
        streams.values().forEach(ServerStream::cancel);
        uploads.clear();
    }

    private void refuse(long id, String why) {
        uploads.remove(id);
        connection.send(WebSocketProtocol.errorFrame(id, why));
    }

    /** One chunked upload in progress: what has arrived so far, and the client's remaining credit. */
    private final class Upload {
        private final int chunkSize;
        private final int batch;
        private final CRC32 crc = new CRC32();
        private long bytes;
        private long chunks;
        private int credit;
        private int sinceGrant;

        Upload(int chunkSize) {
            this.chunkSize = chunkSize;
            this.credit = WebSocketProtocol.chunkWindow(chunkSize);
            this.batch = WebSocketProtocol.grantBatch(credit);
        }

        void accept(long id, ByteBuffer chunk) {
            int n = chunk.remaining();
            if (n == 0 || n > chunkSize) {
                refuse(id, "chunk of " + n + " bytes outside 1.." + chunkSize + " (the upload's chunk size)");
                return;
            }
            if (--credit < 0) {
                refuse(id, "chunk " + (chunks + 1) + " sent without credit");
                return;
            }
            crc.update(chunk);
            bytes += n;
            chunks++;
            if (++sinceGrant == batch) {
                sinceGrant = 0;
                credit += batch;
                connection.send(WebSocketProtocol.intFrame(id, WebSocketProtocol.CREDIT, batch));
            }
        }
    }
}
