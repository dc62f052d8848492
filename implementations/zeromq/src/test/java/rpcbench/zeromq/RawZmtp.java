package rpcbench.zeromq;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import rpcbench.api.Endpoint;
import rpcbench.contract.RawConnection;

/**
 * Just enough ZMTP 3.0 to attack a ROUTER by hand: the greeting (its padding says one byte, as
 * JeroMQ's does: the ZMTP 1.0 length of an empty identity) with the NULL mechanism, a READY
 * command naming a DEALER, and frames whose 8-byte size field says whatever the test wants.
 */
final class RawZmtp {

    private static final int MORE = 0x01;
    private static final int LARGE = 0x02;
    private static final int COMMAND = 0x04;

    /** A ROUTER's greeting and READY (Socket-Type ROUTER, empty Identity). */
    private static final int SERVER_HANDSHAKE_BYTES = 64 + 2 + 41;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /**
     * A connection to {@code server} with the handshake done: JeroMQ takes frames only after it
     * has sent its own READY, so this waits for that before anything else is sent.
     */
    static RawConnection connect(Endpoint server) throws IOException {
        RawConnection c = RawConnection.open(server);
        c.send(handshake().bytes());
        c.read(SERVER_HANDSHAKE_BYTES, 5000);
        return c;
    }

    /** Frames to send after {@link #connect}. */
    static RawZmtp frames() {
        return new RawZmtp();
    }

    /** Greeting (signature, version 3.0, NULL mechanism, as client) and READY as a DEALER. */
    private static RawZmtp handshake() {
        RawZmtp z = new RawZmtp();
        ByteBuffer greeting = ByteBuffer.allocate(64);
        greeting.put((byte) 0xFF).put(new byte[7]).put((byte) 1).put((byte) 0x7F).put((byte) 3).put((byte) 0);
        greeting.put("NULL".getBytes(StandardCharsets.US_ASCII)).put(new byte[16]).put((byte) 0);
        z.bytes.writeBytes(greeting.array());
        byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = "DEALER".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer ready = ByteBuffer.allocate(6 + 1 + name.length + 4 + value.length);
        ready.put((byte) 5).put("READY".getBytes(StandardCharsets.US_ASCII));
        ready.put((byte) name.length).put(name).putInt(value.length).put(value);
        z.frame(COMMAND, ready.array());
        return z;
    }

    /** A short frame (size under 256) with {@code body}; {@code more} when a part follows. */
    RawZmtp frame(boolean more, byte[] body) {
        return frame(more ? MORE : 0, body);
    }

    /** The header frame of the rpc-bench protocol: kind and int argument, with a part to follow. */
    RawZmtp header(byte kind, int argument) {
        return frame(true, ZeroMqProtocol.header(kind, argument));
    }

    /** A large frame's flags and 8-byte {@code size} as written (unsigned on the wire), then {@code body}. */
    RawZmtp largeFrame(long size, byte[] body) {
        ByteBuffer head = ByteBuffer.allocate(9).put((byte) LARGE).putLong(size);
        bytes.writeBytes(head.array());
        bytes.writeBytes(body);
        return this;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    private RawZmtp frame(int flags, byte[] body) {
        bytes.write(flags);
        bytes.write(body.length);
        bytes.writeBytes(body);
        return this;
    }
}
