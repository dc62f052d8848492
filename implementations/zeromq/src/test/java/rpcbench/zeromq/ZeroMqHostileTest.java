package rpcbench.zeromq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.contract.RawConnection;
import rpcbench.server.ServerProcess;

/**
 * ZMTP frames whose 8-byte size has the top bit set, which JeroMQ 0.6.0 compares with
 * ZMQ_MAXMSGSIZE as a signed number: 2^64-1 (-1 to JeroMQ: it threw on the I/O thread, which then
 * spun and answered nobody) and 0x8000000040000000 (1 GiB to JeroMQ: the second one killed the I/O
 * thread). Each, sent twice, now costs the sender its connection, and the server answers a
 * well-formed client; against a real server process. (A size with the top bit set whose low 32
 * bits are a size within the limit is read by JeroMQ as that size: a small frame, harmless.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZeroMqHostileTest {

    private ServerProcess server;

    @BeforeAll
    void start() throws IOException {
        server = ServerProcess.start("zeromq", RpcSettings.defaults());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** The attacks below mean something only if the raw client gets as far as a real one. */
    @Test
    void theRawClientIsAnsweredLikeARealOne() throws IOException {
        try (RawConnection c = RawZmtp.connect(server.endpoint())) {
            c.send(RawZmtp.frames().frame(false, ZeroMqProtocol.header(ZeroMqProtocol.SIMPLE, 41)).bytes());
            assertArrayEquals(new byte[] {0, 5, ZeroMqProtocol.SIMPLE, 0, 0, 0, 42}, c.read(7, 5000));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0xFFFF_FFFF_FFFF_FFFFL, 0x8000_0000_4000_0000L, 0x8000_0000_FFFF_FFFFL, 1L << 40})
    void aFrameSizeBeyondTheLimitOrTheSignCostsTheSenderItsConnection(long size) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (RawConnection attacker = RawZmtp.connect(server.endpoint())) {
                attacker.send(RawZmtp.frames().header(ZeroMqProtocol.ECHO, 16).largeFrame(size, new byte[64]).bytes());
                assertTrue(attacker.closedByServerWithin(5000),
                        "the server kept the connection of a frame of size 0x" + Long.toHexString(size));
            }
        }
        assertTrue(server.isAlive(), "the server died");
        try (RpcImplementation client = new ZeroMqTransport().connect(RpcSettings.defaults(), server.endpoint())) {
            assertEquals(42, client.simpleCall(41), "the server answers after the attack");
            byte[] payload = new byte[100_000];
            payload[99_999] = 3;
            assertArrayEquals(payload, client.echo(payload), "a counted frame passes the guard");
            assertEquals(1000, client.streamValues(1000, v -> { }));
        }
    }
}
