package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;

/**
 * Bad input from the network: bytes a real client of this transport sends are recorded once, then
 * thrown at the server truncated, bit-flipped, with huge length-like fields, or replaced by random
 * garbage, over many short connections for a bounded time. The server must stay up and serve the
 * next well-formed client correctly.
 */
interface FuzzContract {

    long FUZZ_MILLIS = 3000;
    int MAX_CONNECTIONS = 300;

    RpcImplementation connect(Endpoint endpoint) throws IOException;

    Endpoint serverEndpoint();

    boolean serverAlive();

    @Test
    default void malformedAndTruncatedBytesDoNotHurtTheServer() throws Exception {
        byte[] session = recordClientBytes();
        assertTrue(session.length > 0, "no client bytes recorded");
        SplittableRandom random = new SplittableRandom(290);
        long deadline = System.currentTimeMillis() + FUZZ_MILLIS;
        for (int i = 0; i < MAX_CONNECTIONS && System.currentTimeMillis() < deadline; i++) {
            throwAtServer(mutate(session, random, i % 4));
        }
        assertTrue(serverAlive(), "the server process died under malformed input");
        try (RpcImplementation client = connect(serverEndpoint())) {
            assertEquals(42, client.simpleCall(41), "the server serves a well-formed client after the fuzzing");
            byte[] payload = new byte[1024];
            random.nextBytes(payload);
            assertArrayEquals(payload, client.echo(payload));
            assertEquals(100, client.streamValues(100, v -> { }));
        }
    }

    private static byte[] mutate(byte[] session, SplittableRandom random, int kind) {
        byte[] bytes;
        switch (kind) {
            case 0 -> bytes = Arrays.copyOf(session, random.nextInt(1, session.length + 1)); // truncated
            case 1 -> { // bit flips
                bytes = session.clone();
                for (int n = random.nextInt(1, 8); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> { // a huge length-like field somewhere
                bytes = session.clone();
                int at = random.nextInt(Math.max(1, bytes.length - 4));
                for (int k = 0; k < 4 && at + k < bytes.length; k++) {
                    bytes[at + k] = k == 0 ? 0x7f : (byte) 0xff;
                }
            }
            default -> { // garbage
                bytes = new byte[random.nextInt(1, 8192)];
                random.nextBytes(bytes);
            }
        }
        return bytes;
    }

    /** Sends, reads whatever comes back for a moment, closes. */
    private void throwAtServer(byte[] bytes) {
        Endpoint e = serverEndpoint();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(e.host(), e.port()), 2000);
            s.setSoTimeout(50);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] sink = new byte[8192];
            for (int reads = 0; reads < 16 && in.read(sink) >= 0; reads++) {
                // drain a little so the server's writes do not block on us
            }
        } catch (IOException ignored) {
            // refusing, resetting or ignoring garbage are all fine; staying up is what counts
        }
    }

    /** The first bytes a real client sends (setup, calls, an echo), through a recording relay. */
    private byte[] recordClientBytes() throws Exception {
        Endpoint target = serverEndpoint();
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        try (ServerSocket relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket client = relay.accept(); Socket server = new Socket(target.host(), target.port())) {
                    Thread back = new Thread(() -> copy(server, client, null));
                    back.setDaemon(true);
                    back.start();
                    copy(client, server, recorded);
                } catch (IOException e) {
                    // the recording ends with the client
                }
            });
            t.setDaemon(true);
            t.start();
            try (RpcImplementation client = connect(new Endpoint("127.0.0.1", relay.getLocalPort()))) {
                client.simpleCall(1);
                client.echo(new byte[100]);
            } catch (IOException | RuntimeException e) {
                // a transport whose client follows server-announced addresses may bypass the relay
            }
            t.join(2000);
        }
        synchronized (recorded) {
            byte[] all = recorded.toByteArray();
            return all.length > 0 ? Arrays.copyOf(all, Math.min(all.length, 4096)) : new byte[] {0, 0, 0, 5, 1, 0, 0, 0, 1};
        }
    }

    private static void copy(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (record != null) {
                    synchronized (record) {
                        record.write(buffer, 0, n);
                    }
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
