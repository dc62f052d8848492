package rpcbench.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.Endpoint;

/**
 * The relay between a real client and a real server: bytes pass unchanged, each direction is
 * delayed at least as asked (a lower bound only: never an upper bound on a shared machine), its
 * endpoint says which server it fronts, and connections it relays end when their client ends them.
 * The server here is a plain echo socket in this JVM (the harness has no transport of its own; the
 * rmi module tests that RMI's stubs follow the relay).
 */
class RelayTest {

    private static final long MS = 1_000_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void tenMegabytesComeBackUnchangedThroughAOneMillisecondRelay() throws Exception {
        byte[] payload = new byte[10 * 1024 * 1024];
        new Random(6).nextBytes(payload);
        try (EchoServer server = new EchoServer(); Relay relay = new Relay(server.endpoint(), MS)) {
            try (Socket client = connect(relay)) {
                assertArrayEquals(payload, echo(client, payload));
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
        try (EchoServer server = new EchoServer();
             Relay relay = new Relay(server.endpoint(), 5 * MS); Socket client = connect(relay)) {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertArrayEquals(new byte[] {(byte) i}, echo(client, new byte[] {(byte) i}));
                long took = System.nanoTime() - start;
                assertTrue(took >= 10 * MS, "round trip " + took / 1000 + " µs through a 5 ms relay");
            }
            assertTrue(relay.downDelay().p50Micros() >= 5000, "added down: " + relay.downDelay());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void itsEndpointFrontsTheServerAndSeveralRelaysCanBeOpen() throws Exception {
        try (EchoServer a = new EchoServer(); EchoServer b = new EchoServer();
             Relay toA = new Relay(a.endpoint(), 0); Relay toB = new Relay(b.endpoint(), 0)) {
            assertEquals(a.endpoint(), toA.endpoint().fronting());
            assertEquals(b.endpoint(), toB.endpoint().fronting());
            try (Socket viaA = connect(toA); Socket viaB = connect(toB)) {
                assertArrayEquals(new byte[] {1}, echo(viaA, new byte[] {1}));
                assertArrayEquals(new byte[] {2}, echo(viaB, new byte[] {2}));
            }
        }
    }

    private static Socket connect(Relay relay) throws IOException {
        Socket s = new Socket(relay.endpoint().host(), relay.endpoint().port());
        s.setTcpNoDelay(true);
        return s;
    }

    /** A length-prefixed message there and back. */
    private static byte[] echo(Socket s, byte[] payload) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] answer = new byte[in.readInt()];
        in.readFully(answer);
        return answer;
    }

    /** Sends back every byte it reads, one thread per connection. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        EchoServer() throws IOException {
            Relay.daemon("echo-acceptor", () -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        s.setTcpNoDelay(true);
                        Relay.daemon("echo", () -> pump(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private static void pump(Socket s) {
            byte[] buffer = new byte[64 * 1024];
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        Endpoint endpoint() {
            return Endpoint.loopback(listener.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
