package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.server.ServerLaunch;
import rpcbench.server.ServerProcess;

/**
 * A server's memory is bounded whatever its clients announce: {@link #ATTACKERS} raw connections
 * each begin one message of the largest size (16 MiB) and send 4 bytes of it, more than the
 * server's whole heap ({@link #HEAP}) if each were allocated. The server's budget of bytes for
 * incomplete messages (a quarter of its heap) refuses what it cannot hold with the transport's own
 * error; the server stays up and answers a well-formed client, and once the attackers are gone a
 * large message passes again.
 */
interface BudgetContract {

    int ATTACKERS = 24;
    String HEAP = "-Xmx192m";

    String transportName();

    RpcSettings settings();

    RpcImplementation connect(Endpoint endpoint) throws IOException;

    /**
     * A new raw connection to {@code server} on which a client of this transport has done its
     * handshake and begun one request message (an echo or upload) announcing {@code declaredBytes}
     * of payload, followed by the first 4 of them. The server may already have refused it.
     */
    RawConnection openLargeMessage(Endpoint server, int declaredBytes) throws IOException;

    @Test
    default void manyConnectionsAnnouncingTheLargestMessageCannotExhaustTheServer() throws Exception {
        ServerLaunch launch = ServerLaunch.of(transportName(), settings()).withJvmArgs(List.of(HEAP));
        try (ServerProcess server = ServerProcess.start(launch, settings())) {
            Endpoint e = server.endpoint();
            List<RawConnection> attackers = new ArrayList<>();
            try {
                for (int i = 0; i < ATTACKERS; i++) {
                    attackers.add(openLargeMessage(e, settings().maxMessageBytes()));
                }
                Thread.sleep(500); // let the server read them all
                assertTrue(server.isAlive(), "the server died under " + ATTACKERS + " announced largest messages");
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                    try (RpcImplementation client = connect(e)) {
                        assertEquals(42, client.simpleCall(41), "a small call while the attackers hold on");
                        byte[] small = new byte[1024];
                        assertArrayEquals(small, client.echo(small), "a small echo while the attackers hold on");
                    }
                    try (RpcImplementation client = connect(e)) {
                        client.echo(new byte[1 << 20]); // passes, or is refused: either way no hang, no death
                    } catch (RpcException refused) {
                        // over the budget while the attackers hold it
                    }
                });
            } finally {
                for (RawConnection attacker : attackers) {
                    attacker.close();
                }
            }
            assertTrue(server.isAlive(), "the server died after the attack");
            assertTrue(largeEchoPassesWithin(server, 20_000), "a large echo still refused once the attackers are gone");
        }
    }

    /**
     * Whether a large echo passes within the time: where a framework drops an unfinished message
     * without telling, its budget comes back when the collector finds it, so each try asks the
     * server to collect first.
     */
    private boolean largeEchoPassesWithin(ServerProcess server, long millis) throws Exception {
        byte[] large = new byte[4 << 20];
        large[large.length - 1] = 9;
        long deadline = System.currentTimeMillis() + millis;
        do {
            server.statsAfterGc();
            try (RpcImplementation client = connect(server.endpoint())) {
                assertArrayEquals(large, client.echo(large), "a large echo once the attackers are gone");
                assertEquals(8, client.simpleCall(7));
                return true;
            } catch (RpcException stillRefused) {
                Thread.sleep(200);
            }
        } while (System.currentTimeMillis() < deadline);
        return false;
    }
}
