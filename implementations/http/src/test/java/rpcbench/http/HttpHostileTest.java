package rpcbench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerLimits;
import rpcbench.contract.RawConnection;
import rpcbench.server.ServerProcess;

/**
 * Clients that request {@code /stream} and never read held every Jetty thread until the idle
 * timeout, and every other client timed out. Jetty's QoSHandler now admits half the pool to
 * streams and downloads: with a pool of 16 threads, 40 such clients hold at most 8, and a
 * well-formed client is answered at once; against a real server process.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpHostileTest {

    private static final int THREADS = 16;
    private static final int NON_READERS = 40;

    @Test
    void clientsThatRequestAStreamAndNeverReadCannotTakeEveryThread() throws Exception {
        RpcSettings settings = RpcSettings.defaults().with(ServerLimits.SERVER_THREADS, THREADS);
        try (ServerProcess server = ServerProcess.start("http", settings)) {
            List<RawConnection> nonReaders = new ArrayList<>();
            try {
                for (int i = 0; i < NON_READERS; i++) {
                    RawConnection c = RawConnection.open(server.endpoint());
                    c.socket().setReceiveBufferSize(4096);
                    c.send("GET /stream?count=100000000 HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    nonReaders.add(c);
                }
                Thread.sleep(1000); // their writes fill the socket buffers and block
                assertTrue(server.isAlive());
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    try (RpcImplementation client = new HttpTransport().connect(settings, server.endpoint())) {
                        assertEquals(42, client.simpleCall(41), "a call while streams are stuck on their readers");
                        assertEquals(3, client.echo(new byte[3]).length);
                    }
                }, "every thread was held by clients that do not read");
            } finally {
                for (RawConnection c : nonReaders) {
                    c.close();
                }
            }
            try (RpcImplementation client = new HttpTransport().connect(settings, server.endpoint())) {
                assertEquals(100, client.streamValues(100, v -> { }), "streams are admitted again");
            }
        }
    }
}
