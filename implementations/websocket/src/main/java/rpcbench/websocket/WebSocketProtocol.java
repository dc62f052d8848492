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
 * outgoing frames without limit, so the client paces the server with credits: the STREAM request
 * grants {@link #STREAM_WINDOW} values and the client grants {@link #STREAM_GRANT} more each time
 * it has handed that many to its sink. At most a window of values is ever queued for one stream.
 */
final class WebSocketProtocol {

    static final byte SIMPLE = 1;   // request and reply: int
    static final byte STREAM = 2;   // request: int count, int initial credit
    static final byte VALUE = 3;    // reply to STREAM: int, once per value
    static final byte END = 4;      // reply to STREAM after the last VALUE: long count
    static final byte ECHO = 5;     // request and reply: the payload bytes
    static final byte ERROR = 6;    // reply: UTF-8 message; the request was refused
    static final byte CREDIT = 7;   // client to server, for a stream id: int more values allowed
    static final byte CANCEL = 8;   // client to server, for a stream id: stop producing

    /** Bytes before the body of every frame: the request id and the op. */
    static final int HEADER_BYTES = 9;

    /** Values a stream may have in flight (queued, on the wire, or unread): about 60 KB of frames. */
    static final int STREAM_WINDOW = 4096;

    /** Values after which the client grants more: a quarter window, so the server rarely waits. */
    static final int STREAM_GRANT = STREAM_WINDOW / 4;

    private WebSocketProtocol() {
    }

    /**
     * A fresh RFC 6455 draft (one per client; the server copies its own per connection) that
     * refuses any frame, or fragmented message, whose payload exceeds the largest message plus
     * our header. Java-WebSocket checks the announced length before allocating anything and then
     * closes the connection with 1009 (message too big). No extensions: permessage-deflate would
     * only cost CPU on incompressible benchmark payloads.
     */
    static Draft_6455 draft(int maxMessageBytes) {
        return new Draft_6455(List.of(), maxFrameBytes(maxMessageBytes));
    }

    static int maxFrameBytes(int maxMessageBytes) {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxMessageBytes + HEADER_BYTES);
    }

    static ByteBuffer frame(long id, byte op, int bodyBytes) {
        return ByteBuffer.allocate(HEADER_BYTES + bodyBytes).putLong(id).put(op);
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
