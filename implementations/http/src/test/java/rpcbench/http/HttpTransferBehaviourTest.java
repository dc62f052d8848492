package rpcbench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import rpcbench.api.AsyncCalls;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.TransferPattern;
import rpcbench.relay.Relay;

/**
 * What the contract does not show about HTTP transfers: how many connections each client opens for
 * calls in flight (HTTP/1.1 carries one exchange per connection at a time), that a download stream
 * is really one HTTP chunk per chunk on the wire, and that a failing upload source reaches the caller
 * unchanged. Runs against a real server with a 64 KiB maximum.
 */
class HttpTransferBehaviourTest extends SmallLimitServerTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty"})
    void callsInFlightOpenTheConnectionsTheLibraryChooses(String which) throws Exception {
        for (int inFlight : new int[] {1, 16, 128}) {
            try (Relay proxy = new Relay(server.endpoint(), 0);
                 RpcImplementation client = connect(which, proxy.endpoint())) {
                List<CompletableFuture<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < inFlight; i++) {
                    calls.add(((AsyncCalls) client).simpleCallAsync(i));
                }
                for (int i = 0; i < inFlight; i++) {
                    assertEquals(i + 1, calls.get(i).get(30, TimeUnit.SECONDS));
                }
                int connections = proxy.acceptedConnections();
                System.out.printf("http/%s: %d calls in flight used %d connection(s)%n", which, inFlight, connections);
                if (which.equals("jetty") || inFlight == 1) {
                    // Jetty queues the calls for its one connection (maxConnectionsPerDestination 1).
                    assertEquals(1, connections, which + " with " + inFlight + " calls in flight");
                } else {
                    // The JDK client opens a connection per call that finds none idle.
                    assertTrue(connections > 1 && connections <= inFlight, connections + " connections");
                }
            }
        }
    }

    @Test
    void aDownloadStreamIsWrittenAsOneHttpChunkPerChunk() throws IOException {
        try (Socket socket = new Socket(server.endpoint().host(), server.endpoint().port())) {
            socket.setSoTimeout(20_000);
            String request = "GET /download-stream?total=10001&chunk=1000 HTTP/1.1\r\nHost: test\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            List<String> head = new ArrayList<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                head.add(line);
            }
            assertEquals("HTTP/1.1 200 OK", head.get(0));
            assertTrue(head.contains("Transfer-Encoding: chunked"), head.toString());
            List<Integer> sizes = new ArrayList<>();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                sizes.add(size);
                body.write(in.readNBytes(size));
                assertEquals("", line(in), "CRLF after chunk data");
            }
            List<Integer> expected = new ArrayList<>(Collections.nCopies(10, 1000));
            expected.add(1);
            assertEquals(expected, sizes, "HTTP chunk sizes on the wire");
            assertEquals(-1, TransferPattern.firstMismatch(body.toByteArray(), 0, 10001, 0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty"})
    void aFailingUploadSourceReachesTheCallerUnchanged(String which) throws IOException {
        IOException own = new IOException("disk gone");
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (++served > 100_000) {
                    throw own;
                }
                return served & 0xff;
            }
        };
        try (RpcImplementation client = connect(which)) {
            assertSame(own, assertThrows(IOException.class, () -> client.uploadStream(failing, 16 * 1024)));
            RpcException next = assertThrows(RpcException.class, () -> client.simpleCall(1));
            assertTrue(next.getMessage().contains("unusable"), next.getMessage());
        }
        try (RpcImplementation other = connect(which)) {
            assertEquals(MAX_BODY, other.download(MAX_BODY).length, "the server serves on");
        }
    }

    /** One CRLF-terminated line of the response head or chunk framing, without the CRLF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection ended inside a line: " + text);
            }
            if (b != '\r') {
                text.append((char) b);
            }
        }
        return text.toString();
    }
}
