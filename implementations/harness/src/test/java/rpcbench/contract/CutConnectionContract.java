package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.server.ServerProcess;

/**
 * A client connection cut in the middle of a stream (through a relay that drops every connection
 * once 256 KB have come down it): the stream fails with an RpcException within the call timeout,
 * and the server goes on serving other clients.
 */
interface CutConnectionContract {

    int CUT_AFTER_BYTES = 256 * 1024;

    RpcImplementation connect(Endpoint endpoint) throws IOException;

    String transportName();

    RpcSettings settings();

    /**
     * Runs against a server of its own: a fresh endpoint has no pooled connections, and RMI pools
     * connections per endpoint JVM-wide, so against the shared server a stream could reuse a
     * direct connection that earlier tests left idle and never pass the relay.
     */
    @Test
    default void aConnectionCutMidStreamFailsTheCallAndTheServerServesOn() throws Exception {
        try (ServerProcess process = ServerProcess.start(transportName(), settings())) {
            cutMidStream(process.endpoint());
        }
    }

    private void cutMidStream(Endpoint server) throws Exception {
        List<Socket> sockets = new CopyOnWriteArrayList<>();
        AtomicLong down = new AtomicLong();
        try (ServerSocket relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!relay.isClosed()) {
                    try {
                        Socket client = relay.accept();
                        Socket upstream = new Socket(server.host(), server.port());
                        sockets.add(client);
                        sockets.add(upstream);
                        pump(client, upstream, null, sockets);
                        pump(upstream, client, down, sockets);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            // Says that it fronts the server: Java RMI stubs, which carry the server's address, go through it too.
            Endpoint via = Endpoint.relayFor("127.0.0.1", relay.getLocalPort(), server);
            RpcImplementation client = connect(via);
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(RpcException.class,
                        () -> client.streamValues(50_000_000, v -> { }), "a stream over a cut connection"));
            } finally {
                client.teardown();
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        try (RpcImplementation other = connect(server)) {
            assertEquals(10, other.streamValues(10, v -> { }), "the server serves on after a cut connection");
        }
    }

    /** Copies one way; the server-to-client direction cuts everything once enough came down. */
    private static void pump(Socket from, Socket to, AtomicLong counter, List<Socket> all) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    if (counter != null && counter.addAndGet(n) > CUT_AFTER_BYTES) {
                        for (Socket s : all) {
                            s.setSoLinger(true, 0); // a reset, as a broken network shows it
                            s.close();
                        }
                        return;
                    }
                }
            } catch (IOException e) {
                // cut
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
