package rpcbench.grpc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Just enough HTTP/2 (cleartext, prior knowledge) to attack the gRPC server by hand: the
 * connection preface with empty SETTINGS, HEADERS of a gRPC call in HPACK literals (no table
 * state), DATA, and RST_STREAM.
 */
final class RawHttp2 {

    static final int DATA = 0;
    static final int HEADERS = 1;
    static final int RST_STREAM = 3;
    static final int SETTINGS = 4;
    static final int GOAWAY = 7;
    private static final int END_HEADERS = 0x4;
    private static final int CANCEL = 0x8;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** The client preface and an empty SETTINGS frame. */
    static RawHttp2 preface() {
        RawHttp2 h = new RawHttp2();
        h.bytes.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return h.frame(SETTINGS, 0, 0, new byte[0]);
    }

    /** HEADERS opening a call of {@code path} on {@code stream} (the request body follows in DATA). */
    RawHttp2 headers(int stream, String path) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x83); // :method POST (static table 3)
        block.write(0x86); // :scheme http (static table 6)
        literal(block, 4, path);           // :path
        literal(block, 1, "localhost");    // :authority
        literalName(block, "content-type", "application/grpc");
        literalName(block, "te", "trailers");
        return frame(HEADERS, END_HEADERS, stream, block.toByteArray());
    }

    /** DATA on {@code stream} starting one gRPC message that announces {@code length} bytes, with {@code body}. */
    RawHttp2 message(int stream, int length, byte[] body) {
        return frame(DATA, 0, stream, ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(length).put(body).array());
    }

    /** RST_STREAM(CANCEL) on {@code stream}. */
    RawHttp2 reset(int stream) {
        return frame(RST_STREAM, 0, stream, ByteBuffer.allocate(4).putInt(CANCEL).array());
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    private RawHttp2 frame(int type, int flags, int stream, byte[] payload) {
        ByteBuffer head = ByteBuffer.allocate(9);
        head.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        head.put((byte) type).put((byte) flags).putInt(stream);
        bytes.writeBytes(head.array());
        bytes.writeBytes(payload);
        return this;
    }

    /** Literal header field without indexing, name from the static table (index below 15). */
    private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        block.write(nameIndex);
        string(block, value);
    }

    /** Literal header field without indexing, new name. */
    private static void literalName(ByteArrayOutputStream block, String name, String value) {
        block.write(0);
        string(block, name);
        string(block, value);
    }

    private static void string(ByteArrayOutputStream block, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        block.write(b.length); // under 127: one byte, no Huffman
        block.writeBytes(b);
    }
}
