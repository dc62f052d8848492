package rpcbench.rmi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.relay.Relay;
import rpcbench.server.ServerProcess;

/**
 * {@link RmiTransport#CONNECT_VIA} against a real server process: with it set, the registry lookup
 * and every call of the service stub (whose own address is the server's) pass through a relay, so
 * the relay sees every byte of a call; a malformed value fails setup with a line naming the setting.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RmiConnectViaTest {

    @Test
    void everyConnectionOfTheStubsGoesThroughTheRelay() throws Exception {
        ServerProcess server = ServerProcess.start("rmi");
        Endpoint direct = server.endpoint();
        String previous = System.getProperty(RmiTransport.CONNECT_VIA);
        try (Relay relay = new Relay(direct, 0)) {
            // The relay sets the property itself while open; set here too, as a user would.
            System.setProperty(RmiTransport.CONNECT_VIA, direct + "=" + relay.endpoint());
            try (RpcImplementation client = new RmiTransport().newClient()) {
                client.setup(direct);
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
            RmiFilterTest.restore(RmiTransport.CONNECT_VIA, previous);
            long pid = server.pid();
            server.close();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server survived");
        }
    }

    @Test
    void aMalformedSettingFailsSetupNamingIt() {
        String previous = System.setProperty(RmiTransport.CONNECT_VIA, "127.0.0.1:1->127.0.0.1:2");
        try (RpcImplementation client = new RmiTransport().newClient()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.setup(Endpoint.loopback(1)));
            assertTrue(e.getMessage().contains(RmiTransport.CONNECT_VIA), e.getMessage());
        } finally {
            RmiFilterTest.restore(RmiTransport.CONNECT_VIA, previous);
        }
    }
}
