package rpcbench.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.RpcImplementation;
import rpcbench.api.Transports;
import rpcbench.server.ServerProcess;

/**
 * The relay between real clients and real server processes: bytes pass unchanged, each direction
 * is delayed at least as asked (a lower bound only: never an upper bound on a shared machine), RMI
 * stubs are sent through it, and connections it relays end when their client ends them.
 */
class RelayTest {

    private static final long MS = 1_000_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void tenMegabytesComeBackUnchangedThroughAOneMillisecondRelay() throws Exception {
        byte[] payload = new byte[10 * 1024 * 1024];
        new Random(6).nextBytes(payload);
        try (ServerProcess server = ServerProcess.start("tcp"); Relay relay = new Relay(server.endpoint(), MS)) {
            try (RpcImplementation rpc = connect("tcp", relay)) {
                assertArrayEquals(payload, rpc.echo(payload));
            }
            assertTrue(relay.upBytes() > payload.length && relay.downBytes() > payload.length,
                    relay.upBytes() + " up, " + relay.downBytes() + " down");
            assertTrue(relay.upDelay().p50Micros() >= 1000, "added up: " + relay.upDelay());
            assertTrue(relay.downDelay().p50Micros() >= 1000, "added down: " + relay.downDelay());
            for (int i = 0; i < 100 && relay.openConnections() > 0; i++) {
                Thread.sleep(50);
            }
            assertEquals(0, relay.openConnections(), "the client's close ends the relayed connection");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRoundTripThroughAFiveMillisecondRelayTakesAtLeastTenMilliseconds() throws Exception {
        try (ServerProcess server = ServerProcess.start("tcp")) {
            assertRoundTripsTakeAtLeastTwiceTheDelay("tcp", server);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void rmiStubsGoThroughTheRelayWhileItIsOpen() throws Exception {
        try (ServerProcess server = ServerProcess.start("rmi")) {
            assertRoundTripsTakeAtLeastTwiceTheDelay("rmi", server); // a stub going direct would be fast
        }
        assertNull(System.getProperty(Relay.RMI_CONNECT_VIA), "closed: RMI connects directly again");
    }

    private static void assertRoundTripsTakeAtLeastTwiceTheDelay(String transport, ServerProcess server)
            throws IOException {
        try (Relay relay = new Relay(server.endpoint(), 5 * MS); RpcImplementation rpc = connect(transport, relay)) {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertEquals(i + 1, rpc.simpleCall(i));
                long took = System.nanoTime() - start;
                assertTrue(took >= 10 * MS, transport + " round trip " + took / 1000 + " µs through a 5 ms relay");
            }
            assertTrue(relay.downDelay().p50Micros() >= 5000, "added down: " + relay.downDelay());
        }
    }

    private static RpcImplementation connect(String transport, Relay relay) throws IOException {
        RpcImplementation rpc = Transports.byName(transport).newClient();
        try {
            rpc.setup(relay.endpoint());
            return rpc;
        } catch (IOException | RuntimeException e) {
            rpc.teardown();
            throw e;
        }
    }
}
