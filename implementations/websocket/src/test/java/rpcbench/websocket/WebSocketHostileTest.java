package rpcbench.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerLimits;
import rpcbench.server.ServerProcess;

/**
 * What a raw client can send that Java-WebSocket 1.6.0 does not check, against a real server
 * process (64 KiB messages, 4 streams per connection): unmasked frames, a fragmented message
 * that never ends, a close reason that is not UTF-8, too many streams on one connection, and the
 * STREAM request's body. After each, the server answers a well-formed client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketHostileTest {

    private static final int MAX_MESSAGE = 64 * 1024;
    private static final int STREAMS = 4;
    private static final RpcSettings SETTINGS = RpcSettings.defaults().with(RpcSettings.MAX_MESSAGE_BYTES, MAX_MESSAGE)
            .with(ServerLimits.STREAMS_PER_CONNECTION, STREAMS);

    private ServerProcess server;

    @BeforeAll
    void start() throws IOException {
        server = ServerProcess.start("websocket", SETTINGS);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @AfterEach
    void theServerStillServes() throws IOException {
        assertTrue(server.isAlive(), "the server died");
        try (RpcImplementation client = new WebSocketTransport().connect(SETTINGS, server.endpoint())) {
            assertEquals(42, client.simpleCall(41));
            assertArrayEquals(new byte[1000], client.echo(new byte[1000]));
            assertEquals(10, client.streamValues(10, v -> { }));
        }
    }

    /** The server's next frame closes the connection with {@code code}. */
    private static void assertClosedWith(RawWebSocket ws, int code, String meaning) throws IOException {
        RawWebSocket.Frame answer = ws.next(5000);
        assertNotNull(answer, "the server neither answered nor closed");
        assertEquals(RawWebSocket.CLOSE, answer.opcode(), "answered, not closed");
        assertEquals(code, answer.closeCode(), meaning);
    }

    @Test
    void anUnmaskedClientFrameFailsTheConnection() throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(server.endpoint())) {
            byte[] call = ByteBuffer.allocate(13).putLong(1).put(WebSocketProtocol.SIMPLE).putInt(41).array();
            ws.send(RawWebSocket.frame(true, RawWebSocket.BINARY, false, call.length, call));
            assertClosedWith(ws, 1002, "protocol error");
            assertTrue(ws.connection.closedByServerWithin(5000));
        }
    }

    @Test
    void aFragmentedMessageThatNeverEndsIsRefusedPastTheLimit() throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(server.endpoint())) {
            byte[] piece = new byte[8192];
            ws.send(RawWebSocket.frame(false, RawWebSocket.BINARY, true, piece.length, piece));
            boolean refused = false;
            for (int i = 0; i < 4 * MAX_MESSAGE / piece.length && !refused; i++) {
                refused = !ws.send(RawWebSocket.frame(false, RawWebSocket.CONTINUATION, true, piece.length, piece));
            }
            assertClosedWith(ws, 1009, "message too big");
        }
    }

    @Test
    void aCloseReasonThatIsNotUtf8FailsTheConnection() throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(server.endpoint())) {
            byte[] close = {0x03, (byte) 0xE8, (byte) 0xC3, 0x28}; // 1000, then an invalid 2-byte sequence
            ws.send(RawWebSocket.frame(true, RawWebSocket.CLOSE, true, close.length, close));
            assertClosedWith(ws, 1007, "invalid frame payload data");
        }
    }

    @Test
    void streamsBeyondTheBoundOfAConnectionAreRefused() throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(server.endpoint())) {
            int asked = STREAMS + 3;
            for (long id = 1; id <= asked; id++) {
                ws.send(RawWebSocket.request(id, WebSocketProtocol.STREAM, ByteBuffer.allocate(4).putInt(1_000_000_000).array()));
            }
            Set<Long> refused = new HashSet<>();
            Set<Long> streaming = new HashSet<>();
            for (RawWebSocket.Frame f = ws.next(3000); f != null && refused.size() + streaming.size() < asked; f = ws.next(3000)) {
                if (f.op() == WebSocketProtocol.ERROR) {
                    refused.add(f.id());
                } else if (f.op() == WebSocketProtocol.VALUE) {
                    streaming.add(f.id());
                }
            }
            assertEquals(STREAMS, streaming.size(), "streams running on one connection: " + streaming);
            assertEquals(asked - STREAMS, refused.size(), "streams refused: " + refused);
        }
    }

    @Test
    void aStreamRequestCarriesOnlyItsCount() throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(server.endpoint())) {
            ws.send(RawWebSocket.request(1, WebSocketProtocol.STREAM, ByteBuffer.allocate(8).putInt(3).putInt(3).array()));
            assertEquals(WebSocketProtocol.ERROR, ws.next(5000).op(), "a STREAM body of count and credit is refused");
            ws.send(RawWebSocket.request(2, WebSocketProtocol.STREAM, ByteBuffer.allocate(4).putInt(3).array()));
            for (int v = 0; v < 3; v++) {
                assertEquals(WebSocketProtocol.VALUE, ws.next(5000).op());
            }
            assertEquals(WebSocketProtocol.END, ws.next(5000).op());
        }
    }
}
