package rpcbench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;

/**
 * What each of the two HTTP clients does beyond the contract, against a server whose maximum body
 * (64 KiB) is below the clients' own (the default 16 MiB): a 413 becomes an RpcException, an
 * abandoned stream is noticed by the server through a failed write (not its 30 s idle timeout), and
 * teardown leaves no client thread behind.
 */
class HttpClientBehaviourTest extends SmallLimitServerTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty"})
    void aRefusedUploadBecomesAnRpcExceptionAndTheServerServesOn(String which) throws IOException {
        try (RpcImplementation client = connect(which)) {
            RpcException e = assertThrows(RpcException.class, () -> client.echo(new byte[100_000]));
            assertTrue(e.getMessage().contains("413"), e.getMessage());
            RpcException next = assertThrows(RpcException.class, () -> client.simpleCall(1));
            assertTrue(next.getMessage().contains("unusable"), next.getMessage());
        }
        try (RpcImplementation other = connect(which)) {
            assertEquals(8, other.simpleCall(7));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty"})
    void anAbandonedStreamStopsTheServersWrites(String which) throws Exception {
        int count = Integer.MAX_VALUE - which.length(); // one log line per client
        class Enough extends RuntimeException {
        }
        try (RpcImplementation client = connect(which)) {
            assertThrows(Enough.class, () -> client.streamValues(count, v -> {
                if (v == 1000) {
                    throw new Enough();
                }
            }));
        }
        // The server logs why each stream stopped. Wait less than its 30 s idle timeout, so only a
        // write failing because the client closed the connection can produce the line in time.
        String expected = "stream of " + count + " values stopped";
        Optional<String> line = Optional.empty();
        for (int i = 0; i < 150 && line.isEmpty(); i++) {
            line = Files.readAllLines(server.log()).stream().filter(l -> l.contains(expected)).findFirst();
            if (line.isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertTrue(line.isPresent(), "the server did not stop the abandoned stream; log: " + server.log());
        assertFalse(line.get().contains("Timeout"), line.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty"})
    void teardownLeavesNoClientThreadBehind(String which) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        RpcImplementation client = connect(which);
        assertEquals(3, client.simpleCall(2));
        assertEquals(10, client.streamValues(10, v -> { }));
        client.teardown();
        Set<String> left = Set.of();
        for (int i = 0; i < 100; i++) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t))
                    .filter(t -> t.getName().startsWith("http-" + which + "-client") || !t.isDaemon())
                    .map(Thread::getName)
                    .collect(Collectors.toSet());
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(Set.of(), left, "threads left after teardown");
    }
}
