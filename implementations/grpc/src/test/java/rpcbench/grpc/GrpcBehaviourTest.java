package rpcbench.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transports;
import rpcbench.server.ServerProcess;

/**
 * What the gRPC transport promises beyond the shared contract: its size limit, its per-value
 * stream timeout, and every executor and event loop choice of {@link GrpcConfig} working end to
 * end against a real server process.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrpcBehaviourTest {

    /**
     * A message one byte above the limit is refused by the server from its length prefix: the
     * call fails with an RpcException naming the call and the gRPC status, and the server goes on
     * serving.
     */
    @Test
    void echoAboveTheMaximumMessageSizeFailsClearlyAndTheServerKeepsServing() throws IOException {
        try (ServerProcess server = ServerProcess.start("grpc", RpcSettings.defaults())) {
            byte[] tooLarge = new byte[RpcSettings.defaults().maxMessageBytes() + 1];
            try (RpcImplementation client = GrpcTestSupport.connect(server.endpoint())) {
                RpcException e = assertThrows(RpcException.class, () -> client.echo(tooLarge));
                assertTrue(e.getMessage().contains("grpc: echo failed: RESOURCE_EXHAUSTED"), e.getMessage());
                RpcException next = assertThrows(RpcException.class, () -> client.simpleCall(1));
                assertTrue(next.getMessage().contains("unusable after a failed echo"), next.getMessage());
            }
            try (RpcImplementation other = GrpcTestSupport.connect(server.endpoint())) {
                byte[] payload = new byte[4096];
                new Random(7).nextBytes(payload);
                assertArrayEquals(payload, other.echo(payload));
                assertEquals(3, other.simpleCall(2));
            }
        }
    }

    /**
     * The stream timeout bounds the wait for the next value, not the whole stream: a sink that
     * takes 4.5 s over a stream longer than one request batch, more than twice the 2 s timeout,
     * still gets every value (a deadline on the whole call would cut it off).
     */
    @Test
    void streamTimeoutBoundsEachValueNotTheWholeStream() throws IOException {
        int count = 3000;
        assertTrue(count > 2 * GrpcValueStream.REQUEST_BATCH, "the server must wait for the sink");
        try (ServerProcess server = ServerProcess.start("grpc", RpcSettings.defaults())) {
            // A first client with the default timeout takes the cold start (class loading) on both sides.
            try (RpcImplementation first = GrpcTestSupport.connect(server.endpoint())) {
                assertEquals(10, first.streamValues(10, v -> { }));
            }
            RpcImplementation client = Transports.byName("grpc").newClient(
                    RpcSettings.defaults().with(RpcSettings.CALL_TIMEOUT_MS, 2000));
            try (client) {
                client.setup(server.endpoint());
                OrderedCount sink = new OrderedCount();
                long arrived = client.streamValues(count, v -> {
                    sink.accept(v);
                    if (v % 100 == 0) {
                        sleep(150);
                    }
                });
                assertEquals(count, arrived);
                assertEquals(count, sink.inOrder);
            }
        }
    }

    /**
     * Each executor, event loop and client threading choice serves every operation, including an
     * abandoned stream (the defaults, true/epoll/true, are the contract test's).
     */
    @ParameterizedTest(name = "directExecutor={0}, eventLoop={1}, callerEventLoop={2}")
    @CsvSource({"true, nio, true", "true, epoll, false", "true, nio, false", "false, epoll, true", "false, nio, false"})
    void everyConfigurationServesEveryOperation(String directExecutor, String eventLoop, String callerEventLoop)
            throws IOException {
        RpcSettings settings = RpcSettings.of(Map.of(GrpcConfig.DIRECT_EXECUTOR.name(), directExecutor,
                GrpcConfig.EVENT_LOOP.name(), eventLoop, GrpcConfig.CALLER_EVENT_LOOP.name(), callerEventLoop));
        try (ServerProcess server = ServerProcess.start("grpc", settings)) {
            exercise(server.endpoint(), settings);
        }
    }

    /**
     * A client set up on one thread serves calls, streams and its teardown on others, one thread
     * at a time, as the contract allows: a caller-run event loop follows its caller.
     */
    @Test
    void aClientSetUpOnOneThreadServesCallsOnOthers() throws Exception {
        try (ServerProcess server = ServerProcess.start("grpc", RpcSettings.defaults())) {
            ExecutorService first = Executors.newSingleThreadExecutor();
            ExecutorService second = Executors.newSingleThreadExecutor();
            try {
                RpcImplementation client = first.submit(() -> GrpcTestSupport.connect(server.endpoint())).get(60, TimeUnit.SECONDS);
                assertEquals(6, second.submit(() -> client.simpleCall(5)).get(60, TimeUnit.SECONDS));
                assertEquals(100L, first.submit(() -> client.streamValues(100, v -> { })).get(60, TimeUnit.SECONDS));
                assertEquals(8, second.submit(() -> client.simpleCall(7)).get(60, TimeUnit.SECONDS));
                first.submit(client::teardown).get(60, TimeUnit.SECONDS);
            } finally {
                first.shutdownNow();
                second.shutdownNow();
            }
        }
    }

    private static void exercise(Endpoint endpoint, RpcSettings settings) throws IOException {
        try (RpcImplementation client = GrpcTestSupport.connect(endpoint, settings)) {
            assertEquals(42, client.simpleCall(41));
            long[] sum = {0};
            assertEquals(1000, client.streamValues(1000, v -> sum[0] += v));
            assertEquals(999L * 1000 / 2, sum[0]);
            byte[] payload = new byte[1 << 20];
            new Random(1).nextBytes(payload);
            assertArrayEquals(payload, client.echo(payload));
        }
        try (RpcImplementation client = GrpcTestSupport.connect(endpoint, settings)) {
            IllegalStateException enough = new IllegalStateException("enough");
            assertEquals(enough, assertThrows(IllegalStateException.class,
                    () -> client.streamValues(Integer.MAX_VALUE, v -> {
                        if (v == 5000) {
                            throw enough;
                        }
                    })));
        }
        try (RpcImplementation client = GrpcTestSupport.connect(endpoint, settings)) {
            assertEquals(8, client.simpleCall(7), "the server serves on after an abandoned stream");
        }
    }

    /** Counts values that came in order. */
    private static final class OrderedCount implements java.util.function.IntConsumer {
        int inOrder;

        @Override
        public void accept(int value) {
            if (value == inOrder) {
                inOrder++;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
