package rpcbench.tcp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import rpcbench.api.RpcSettings;

/**
 * The floor's wire format, as lean as a real protocol can be: every message is a 4-byte big-endian
 * length, then a 1-byte kind, then the body. A stream is one VALUE message per value followed by
 * END carrying the count, so a client can tell a short stream from a slow one.
 */
final class TcpProtocol {

    static final byte SIMPLE = 1;   // request and reply: int
    static final byte STREAM = 2;   // request: int count
    static final byte VALUE = 3;    // reply to STREAM: int, once per value
    static final byte END = 4;      // reply to STREAM after the last VALUE: long count
    static final byte ECHO = 5;     // request and reply: the payload bytes
    static final byte ERROR = 6;    // reply: UTF-8 message; the server then closes the connection
    static final byte UPLOAD = 7;   // request: the payload bytes; reply: long count received
    static final byte DOWNLOAD = 8; // request: int size; reply: that many bytes of TransferPattern
    static final byte CHUNK = 9;    // one chunk of a chunked transfer, either way
    static final byte UPLOADED = 10; // request after the last CHUNK: empty; reply: long bytes, chunks, crc32
    static final byte CHUNKS = 11;  // request: long total, int chunk size; reply: CHUNK..., then END(long bytes)
    static final byte MESSAGE = 12; // request: 1-byte codec id, an Order in it; reply: the OrderSummary in it

    /**
     * Set in a request's kind when it carries a bearer token ({@link rpcbench.api.CallAuth}): after
     * the kind come 1 byte of the token's length and its ASCII bytes, then the body; the length prefix
     * counts them. A request without it is the frame of a run without authentication, byte for byte.
     */
    static final int TOKEN_FLAG = 0x80;

    /** Socket buffers and stream buffers: large enough that a 1 KB call is one read and one write. */
    static final int BUFFER_BYTES = 64 * 1024;

    private TcpProtocol() {
    }

    static void configure(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);   // Nagle + delayed ACK would add ~40 ms to request/reply
        socket.setKeepAlive(true);
    }

    static void writeHeader(DataOutputStream out, byte kind, int bodyLength) throws IOException {
        out.writeInt(bodyLength + 1);
        out.writeByte(kind);
    }

    /** A request's header: {@link #writeHeader}, or with {@code token} (null: none) after the kind. */
    static void writeRequestHeader(DataOutputStream out, byte[] token, byte kind, int bodyLength) throws IOException {
        if (token == null) {
            writeHeader(out, kind, bodyLength);
            return;
        }
        out.writeInt(bodyLength + 2 + token.length);
        out.writeByte(kind | TOKEN_FLAG);
        out.writeByte(token.length);
        out.write(token);
    }

    /** A request of one int: {@link #writeInt}, with {@code token} as {@link #writeRequestHeader} puts it. */
    static void writeRequestInt(DataOutputStream out, byte[] token, byte kind, int value) throws IOException {
        writeRequestHeader(out, token, kind, 4);
        out.writeInt(value);
    }

    static void writeInt(DataOutputStream out, byte kind, int value) throws IOException {
        writeHeader(out, kind, 4);
        out.writeInt(value);
    }

    static void writeError(DataOutputStream out, String message) throws IOException {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        writeHeader(out, ERROR, text.length);
        out.write(text);
        out.flush();
    }

    /**
     * Reads a length prefix and checks it against the configured maximum before anything is
     * allocated, so that a hostile length cannot exhaust memory.
     */
    static int readLength(DataInputStream in, int maxMessageBytes) throws IOException {
        int length = in.readInt();
        if (length < 1 || length - 1 > maxMessageBytes) {
            throw new IOException("message length " + length + " outside 1.." + (maxMessageBytes + 1L)
                    + " (" + RpcSettings.MAX_MESSAGE_BYTES.name() + ")");
        }
        return length;
    }
}
