package rpcbench.rmi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.relay.Relay;
import rpcbench.server.ServerProcess;

/**
 * A client given a relay's endpoint against a real server process: the registry lookup and every
 * call of the service stub (whose own address is the server's) pass through the relay, so the relay
 * sees every byte of a call; two relays in front of two servers work at once, and a relay's delay
 * shows in every round trip.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RmiConnectViaTest {

    private static final long MS = 1_000_000;

    @Test
    void everyConnectionOfTheStubsGoesThroughTheRelay() throws Exception {
        ServerProcess server = ServerProcess.start("rmi", RpcSettings.defaults());
        try (Relay relay = new Relay(server.endpoint(), 0)) {
            try (RpcImplementation client = connect(relay)) {
                assertTrue(relay.acceptedConnections() >= 1, "setup did not pass through the relay");
                assertEquals(8, client.simpleCall(7));

                byte[] payload = new byte[100_000];
                new Random(3).nextBytes(payload);
                long up = relay.upBytes();
                long down = relay.downBytes();
                assertArrayEquals(payload, client.echo(payload));
                assertTrue(relay.upBytes() - up >= payload.length, "echo request bypassed the relay");
                assertTrue(relay.downBytes() - down >= payload.length, "echo reply bypassed the relay");

                down = relay.downBytes();
                assertEquals(1 << 20, client.downloadStream(1 << 20, 65_536, OutputStream.nullOutputStream()));
                assertTrue(relay.downBytes() - down >= 1 << 20, "download chunks bypassed the relay");
            }
        } finally {
            long pid = server.pid();
            server.close();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server survived");
        }
    }

    @Test
    void twoRelaysInFrontOfTwoServersEachSeeTheirOwnCalls() throws Exception {
        try (ServerProcess a = ServerProcess.start("rmi", RpcSettings.defaults());
             ServerProcess b = ServerProcess.start("rmi", RpcSettings.defaults());
             Relay toA = new Relay(a.endpoint(), 0); Relay toB = new Relay(b.endpoint(), 0);
             RpcImplementation viaA = connect(toA); RpcImplementation viaB = connect(toB)) {
            byte[] payload = new byte[50_000];
            long upA = toA.upBytes();
            long upB = toB.upBytes();
            assertArrayEquals(payload, viaA.echo(payload));
            assertTrue(toA.upBytes() - upA >= payload.length, "echo through relay A bypassed it");
            // B's own connection may renew its lease meanwhile (RMI's DGC, tens of bytes); the echo is 50 KB
            assertTrue(toB.upBytes() - upB < payload.length / 10, "relay B saw the echo made through relay A");
            assertArrayEquals(payload, viaB.echo(payload));
            assertTrue(toB.upBytes() - upB >= payload.length, "echo through relay B bypassed it");
        }
    }

    /** Moved from the harness's RelayTest: a stub going direct would be fast. */
    @Test
    void rmiStubsGoThroughTheRelayWhileItIsOpen() throws Exception {
        try (ServerProcess server = ServerProcess.start("rmi", RpcSettings.defaults());
             Relay relay = new Relay(server.endpoint(), 5 * MS); RpcImplementation rpc = connect(relay)) {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertEquals(i + 1, rpc.simpleCall(i));
                long took = System.nanoTime() - start;
                assertTrue(took >= 10 * MS, "rmi round trip " + took / 1000 + " µs through a 5 ms relay");
            }
            assertTrue(relay.downDelay().p50Micros() >= 5000, "added down: " + relay.downDelay());
        }
    }

    private static RpcImplementation connect(Relay relay) throws IOException {
        return new RmiTransport().connect(RpcSettings.defaults(), relay.endpoint());
    }
}
