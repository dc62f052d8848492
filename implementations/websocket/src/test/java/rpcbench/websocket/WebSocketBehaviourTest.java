package rpcbench.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.server.ServerProcess;

/**
 * What the websocket transport promises beyond the shared contract, each against a real server
 * process: the maximum message size, replies matched by request id, a throwing sink that leaves
 * the connection usable, a lost connection failing a pending call at once, and no thread left behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebSocketBehaviourTest {

    private static final int SMALL_LIMIT = 64 * 1024;

    /** A set-up client of the server; shared by this module's tests. */
    static RpcImplementation connect(ServerProcess server) throws IOException {
        return new WebSocketTransport().connect(RpcSettings.defaults(), server.endpoint());
    }

    @Test
    void aTooLargeMessageIsRefusedAndTheServerKeepsServingOthers() throws IOException {
        try (ServerProcess server = ServerProcess.start("websocket",
                RpcSettings.defaults().with(RpcSettings.MAX_MESSAGE_BYTES, SMALL_LIMIT));
             RpcImplementation bystander = connect(server);
             RpcImplementation offender = connect(server)) {
            byte[] largest = new byte[SMALL_LIMIT];
            largest[SMALL_LIMIT - 1] = 7;
            assertArrayEquals(largest, offender.echo(largest), "a message of exactly the limit passes");

            RpcException refused = assertThrows(RpcException.class, () -> offender.echo(new byte[SMALL_LIMIT + 1]));
            assertTrue(refused.getMessage().contains("1009"), "closed as too big (1009): " + refused.getMessage());
            RpcException after = assertThrows(RpcException.class, () -> offender.simpleCall(1));
            assertTrue(after.getMessage().contains("unusable"), after.getMessage());

            assertEquals(43, bystander.simpleCall(42), "the other connection is still served");
            assertArrayEquals(largest, bystander.echo(largest));
            try (RpcImplementation newcomer = connect(server)) {
                assertEquals(10, newcomer.streamValues(10, v -> { }));
            }
        }
    }

    @Test
    void theClientRefusesAnOversizedPayloadBeforeSendingIt() throws IOException {
        try (ServerProcess server = ServerProcess.start("websocket", RpcSettings.defaults())) {
            RpcImplementation client = new WebSocketTransport().newClient(
                    RpcSettings.defaults().with(RpcSettings.MAX_MESSAGE_BYTES, SMALL_LIMIT));
            try (client) {
                client.setup(server.endpoint());
                RpcException e = assertThrows(RpcException.class, () -> client.echo(new byte[SMALL_LIMIT + 1]));
                assertTrue(e.getMessage().contains(RpcSettings.MAX_MESSAGE_BYTES.name()), e.getMessage());
                assertEquals(2, client.simpleCall(1), "nothing was sent, so the connection is still usable");
            }
        }
    }

    /** Beyond the contract (one thread per client): proves that replies are matched by id. */
    @Test
    void repliesAreMatchedByRequestIdWithManyCallsInFlight() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ServerProcess server = ServerProcess.start("websocket", RpcSettings.defaults());
             RpcImplementation shared = connect(server)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * 1_000_000;
                results.add(pool.submit(() -> {
                    int correct = 0;
                    for (int i = 0; i < 500; i++) {
                        byte[] payload = new byte[(i % 7) * 100 + 1];
                        payload[0] = (byte) i;
                        if (shared.simpleCall(base + i) == base + i + 1
                                && Arrays.equals(payload, shared.echo(payload))) {
                            correct++;
                        }
                    }
                    return correct;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(500, result.get(90, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThrowingSinkCancelsItsStreamAndLeavesTheConnectionUsable() throws IOException {
        IllegalStateException enough = new IllegalStateException("enough");
        try (ServerProcess server = ServerProcess.start("websocket", RpcSettings.defaults());
             RpcImplementation client = connect(server)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> client.streamValues(10_000_000, v -> {
                        if (v == 500) {
                            throw enough;
                        }
                    }));
            assertSame(enough, thrown, "the sink's own exception, unchanged, on the calling thread");
            assertEquals(8, client.simpleCall(7));
            assertEquals(20_000, client.streamValues(20_000, v -> { }), "a stream beyond one window");
        }
    }

    @Test
    void aServerKilledMidStreamFailsThePendingCallAsClosedNotTimedOut() throws IOException {
        try (ServerProcess doomed = ServerProcess.start("websocket", RpcSettings.defaults());
             RpcImplementation client = connect(doomed)) {
            RpcException e = assertThrows(RpcException.class, () -> client.streamValues(10_000_000, v -> {
                if (v == 1000) {
                    doomed.kill();
                }
            }));
            assertTrue(e.getMessage().contains("connection closed") || e.getMessage().contains("connection failed"),
                    "failed because the library reported the close, not by the timeout: " + e.getMessage());
        }
    }

    @Test
    void teardownLeavesNoClientThreadBehind() throws Exception {
        try (ServerProcess server = ServerProcess.start("websocket", RpcSettings.defaults())) {
            for (int i = 0; i < 3; i++) {
                try (RpcImplementation client = connect(server)) {
                    assertEquals(i + 1, client.simpleCall(i));
                }
            }
        }
        // Threads end asynchronously after their socket closes: look for up to 10 s.
        List<String> left = List.of();
        for (int attempt = 0; attempt < 100; attempt++) {
            left = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("WebSocketConnectReadThread") || n.startsWith("WebSocketWriteThread")
                            || n.startsWith("connectionLostChecker"))
                    .toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(List.of(), left, "Java-WebSocket client threads alive after teardown");
    }

    @Test
    void aServerThatCannotBindAndAClientThatCannotConnectSaySo() throws IOException {
        try (ServerSocket occupied = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            JavaWebSocketServer server = new JavaWebSocketServer(RpcSettings.defaults(), JavaWebSocketServer.MODES.get(0));
            try {
                IOException e = assertThrows(IOException.class,
                        () -> server.start(InetAddress.getLoopbackAddress(), occupied.getLocalPort()));
                assertTrue(e.getMessage().contains("cannot listen"), e.getMessage());
            } finally {
                server.close();
            }
        }
        RpcImplementation client = new WebSocketTransport().newClient(RpcSettings.defaults());
        try {
            IOException e = assertThrows(IOException.class, () -> client.setup(Endpoint.loopback(1)));
            assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
        } finally {
            client.teardown();
        }
    }
}
