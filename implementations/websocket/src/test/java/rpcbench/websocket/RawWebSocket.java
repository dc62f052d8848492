package rpcbench.websocket;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import rpcbench.api.Endpoint;
import rpcbench.contract.RawConnection;

/**
 * Just enough RFC 6455 to attack the server by hand: the opening handshake, frames with any flags,
 * length and masking, and reading the server's (unmasked) frames back.
 */
final class RawWebSocket implements AutoCloseable {

    static final int BINARY = 2;
    static final int CONTINUATION = 0;
    static final int CLOSE = 8;

    /** One frame from the server: its opcode and payload. */
    record Frame(int opcode, byte[] payload) {
        byte op() {
            return payload[8];
        }

        long id() {
            return ByteBuffer.wrap(payload).getLong();
        }

        int closeCode() {
            return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }
    }

    final RawConnection connection;
    private final DataInputStream in;

    private RawWebSocket(RawConnection connection) throws IOException {
        this.connection = connection;
        this.in = new DataInputStream(connection.socket().getInputStream());
    }

    /** A connection with the opening handshake done (the 101 answer read, nothing after it). */
    static RawWebSocket connect(Endpoint server) throws IOException {
        RawWebSocket ws = new RawWebSocket(RawConnection.open(server));
        ws.connection.send(("GET / HTTP/1.1\r\nHost: test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        ws.connection.socket().setSoTimeout(5000);
        int matched = 0;
        StringBuilder answer = new StringBuilder();
        while (matched < 4) {
            int b = ws.in.read();
            if (b < 0) {
                throw new IOException("no handshake answer: " + answer);
            }
            answer.append((char) b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
        }
        if (!answer.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + answer);
        }
        return ws;
    }

    /** A frame: FIN as given, {@code opcode}, masked or not, announcing {@code length}, carrying {@code body}. */
    static byte[] frame(boolean fin, int opcode, boolean masked, long length, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(14 + body.length);
        b.put((byte) ((fin ? 0x80 : 0) | opcode));
        int maskBit = masked ? 0x80 : 0;
        if (length <= 125) {
            b.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            b.put((byte) (maskBit | 126)).putShort((short) length);
        } else {
            b.put((byte) (maskBit | 127)).putLong(length);
        }
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        if (masked) {
            b.put(key);
        }
        for (int i = 0; i < body.length; i++) {
            b.put((byte) (masked ? body[i] ^ key[i % 4] : body[i]));
        }
        b.flip();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    /** A masked, final binary frame carrying one rpc-bench request. */
    static byte[] request(long id, byte op, byte[] body) {
        byte[] payload = ByteBuffer.allocate(9 + body.length).putLong(id).put(op).put(body).array();
        return frame(true, BINARY, true, payload.length, payload);
    }

    boolean send(byte[] bytes) {
        return connection.send(bytes);
    }

    /** The server's next frame, or null when the connection ended or nothing came within the timeout. */
    Frame next(int millis) throws IOException {
        try {
            connection.socket().setSoTimeout(millis);
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame(b0 & 0x0F, payload);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
