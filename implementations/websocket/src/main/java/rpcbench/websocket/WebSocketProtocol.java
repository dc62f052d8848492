package rpcbench.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.java_websocket.drafts.Draft_6455;

/**
 * The wire format inside WebSocket binary frames. Every frame starts with an 8-byte request id
 * chosen by the client and a 1-byte op; every reply echoes the id of its request, so a client can
 * have many calls in flight on one connection and match each reply to its call.
 *
 * <p>A stream is one VALUE frame per value and then END with the count. Java-WebSocket queues
 * outgoing frames without limit, so the client paces the server with credits: a STREAM request
 * carries only the count (a 4-byte body; no other is accepted) and grants {@link #STREAM_WINDOW}
 * values, a window both ends know, and the client grants {@link #STREAM_GRANT} more each time
 * it has handed that many to its sink. At most a window of values is ever queued for one stream.
 *
 * <p>Chunked transfers are one binary frame per chunk (CHUNK), paced the same way in both
 * directions: the receiver grants CREDIT in chunks as it consumes them, and the sender starts with
 * {@link #chunkWindow(int)} chunks, about {@link #TRANSFER_WINDOW_BYTES} in flight, computed by both
 * ends from the chunk size named in the request.
 */
final class WebSocketProtocol {

    static final byte SIMPLE = 1;   // request and reply: int
    static final byte STREAM = 2;   // request: int count (its initial credit is STREAM_WINDOW; no other body)
    static final byte VALUE = 3;    // reply to STREAM: int, once per value
    static final byte END = 4;      // reply to STREAM after the last VALUE: long count
    static final byte ECHO = 5;     // request and reply: the payload bytes
    static final byte ERROR = 6;    // reply: UTF-8 message; the request was refused
    static final byte CREDIT = 7;   // receiver to sender, for a stream or transfer id: int more values or chunks
    static final byte CANCEL = 8;   // client to server, for a stream or transfer id: stop producing or receiving
    static final byte UPLOAD = 9;   // request: the payload bytes; reply: long count received
    static final byte DOWNLOAD = 10; // request: int size; reply: that many bytes of TransferPattern
    static final byte UPLOAD_CHUNKS = 11;   // request: int chunk size; opens a chunked upload under its id
    static final byte CHUNK = 12;           // one chunk of a chunked transfer, either way
    static final byte UPLOADED = 13;        // request after the last CHUNK: empty; reply: long bytes, chunks, crc32
    static final byte DOWNLOAD_CHUNKS = 14; // request: long total, int chunk size; reply: CHUNK..., END(long bytes)
    static final byte MESSAGE = 15;         // request: 1-byte codec id, an Order in it; reply: the OrderSummary in it

    /** Bytes before the body of every frame: the request id and the op. */
    static final int HEADER_BYTES = 9;

    /**
     * Set in a client frame's op when it carries a bearer token ({@link rpcbench.api.CallAuth}):
     * after the op come 1 byte of the token's length and its ASCII bytes, then the body. Every frame
     * of a client with a token has it (the token is per call, in each message, as the issue asks);
     * a frame without it is that of a run without authentication, byte for byte.
     */
    static final int TOKEN_FLAG = 0x80;

    /** Values a stream may have in flight (queued, on the wire, or unread): about 60 KB of frames. */
    static final int STREAM_WINDOW = 4096;

    /** Values after which the client grants more: a quarter window, so the server rarely waits. */
    static final int STREAM_GRANT = grantBatch(STREAM_WINDOW);

    /**
     * Bytes a chunked transfer may have in flight: 1 MiB, the HTTP/2 flow-control window the grpc
     * transport runs with, so that both pace large transfers alike.
     */
    static final int TRANSFER_WINDOW_BYTES = 1 << 20;

    private WebSocketProtocol() {
    }

    /**
     * A fresh RFC 6455 draft for a client that refuses any frame, or fragmented message, whose
     * payload exceeds the largest message plus our header (the server's is a {@link GuardedDraft}). Java-WebSocket checks the announced length before allocating anything and then
     * closes the connection with 1009 (message too big). No extensions: permessage-deflate would
     * only cost CPU on incompressible benchmark payloads.
     */
    static Draft_6455 draft(int maxMessageBytes) {
        return new Draft_6455(List.of(), maxFrameBytes(maxMessageBytes));
    }

    static int maxFrameBytes(int maxMessageBytes) {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxMessageBytes + HEADER_BYTES);
    }

    /**
     * Chunks a transfer may have in flight: a window's worth, at least 2 (so that a chunk is on the
     * wire while the previous one is consumed) and at most {@link #STREAM_WINDOW} (tiny chunks).
     */
    static int chunkWindow(int chunkSize) {
        return (int) Math.max(2, Math.min(STREAM_WINDOW, TRANSFER_WINDOW_BYTES / Math.max(chunkSize, 1)));
    }

    /** Messages after which a receiver grants more credit: a quarter of the window, at least one. */
    static int grantBatch(int window) {
        return Math.max(1, window / 4);
    }

    static ByteBuffer frame(long id, byte op, int bodyBytes) {
        return ByteBuffer.allocate(HEADER_BYTES + bodyBytes).putLong(id).put(op);
    }

    /**
     * {@code frame} (id, op, body) with {@code token} after the op and {@link #TOKEN_FLAG} set; the
     * frame itself when token is null. One copy of the frame: Java-WebSocket sends a message from
     * one buffer.
     */
    static ByteBuffer withToken(ByteBuffer frame, byte[] token) {
        if (token == null) {
            return frame;
        }
        int at = frame.position();
        ByteBuffer stamped = ByteBuffer.allocate(frame.remaining() + 1 + token.length);
        stamped.putLong(frame.getLong(at)).put((byte) (frame.get(at + 8) | TOKEN_FLAG)).put((byte) token.length).put(token);
        return stamped.put(frame.duplicate().position(at + HEADER_BYTES)).flip();
    }

    static ByteBuffer intFrame(long id, byte op, int value) {
        return frame(id, op, 4).putInt(value).flip();
    }

    static ByteBuffer longFrame(long id, byte op, long value) {
        return frame(id, op, 8).putLong(value).flip();
    }

    static ByteBuffer errorFrame(long id, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return frame(id, ERROR, text.length).put(text).flip();
    }

    static String text(ByteBuffer body) {
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
