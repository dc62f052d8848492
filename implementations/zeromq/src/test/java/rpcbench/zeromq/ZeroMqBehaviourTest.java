package rpcbench.zeromq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * What the ZeroMQ transport promises beyond the shared contract, each against a real server
 * process: its size limits on both ends, streams under real backpressure, and many clients
 * mixing streams and calls on one ROUTER thread.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ZeroMqBehaviourTest {

    /** The client refuses to send an echo above its maximum and stays usable: nothing was sent. */
    @Test
    void echoAboveTheMaximumIsRefusedBeforeSendingAndTheClientStaysUsable() throws IOException {
        try (ServerProcess server = ServerProcess.start("zeromq", RpcSettings.defaults());
             RpcImplementation client = connect(server.endpoint())) {
            byte[] largest = new byte[RpcSettings.defaults().maxMessageBytes()];
            new Random(3).nextBytes(largest);
            RpcException e = assertThrows(RpcException.class, () -> client.echo(new byte[largest.length + 1]));
            assertTrue(e.getMessage().contains(RpcSettings.MAX_MESSAGE_BYTES.name()), e.getMessage());
            assertArrayEquals(largest, client.echo(largest), "exactly the maximum passes");
            assertEquals(5, client.simpleCall(4));
        }
    }

    /**
     * A server with a lower maximum than its client drops the connection that sends a larger
     * frame, before allocating it: the client learns at once through its hiccup marker instead of
     * waiting for the call timeout, is unusable afterwards, and the server serves the others.
     */
    @Test
    void aFrameAboveTheServersMaximumDropsOnlyThatConnection() throws Exception {
        ServerProcess server = ServerProcess.start("zeromq",
                RpcSettings.defaults().with(RpcSettings.MAX_MESSAGE_BYTES, 65_536));
        try (server; RpcImplementation bystander = connect(server.endpoint())) {
            try (RpcImplementation client = connect(server.endpoint())) {
                RpcException e = assertThrows(RpcException.class, () -> client.echo(new byte[65_537]));
                // Not "no answer within ...": the hiccup marker, not the call timeout, ended the wait.
                assertTrue(e.getMessage().contains("connection to the server dropped"), e.getMessage());
                RpcException next = assertThrows(RpcException.class, () -> client.simpleCall(1));
                assertTrue(next.getMessage().contains("unusable after a failed echo"), next.getMessage());
            }
            assertEquals(43, bystander.simpleCall(42), "another connection is untouched");
            try (RpcImplementation next = connect(server.endpoint())) {
                assertEquals(65_536, next.echo(new byte[65_536]).length, "the server's maximum itself passes");
            }
        }
    }

    /**
     * A consumer slower than the server overflows every buffer on the way (high-water marks and
     * socket buffers hold about a million values), so the server meets EAGAIN again and again and
     * must keep each value for later, not drop it. The whole stream takes longer than the 2 s call
     * timeout, which bounds each wait for the next value, not the stream.
     */
    @Test
    void aSlowConsumerGetsEveryValueInOrderUnderBackpressure() throws Exception {
        int count = 2_000_000;
        RpcSettings twoSeconds = RpcSettings.defaults().with(RpcSettings.CALL_TIMEOUT_MS, 2000);
        ServerProcess server = ServerProcess.start("zeromq", twoSeconds);
        try (server) {
            RpcImplementation client = connect(server.endpoint(), twoSeconds);
            try (client) {
                ZeroMqTestSupport.OrderedCount sink = new ZeroMqTestSupport.OrderedCount(10_000, 15);
                assertEquals(count, client.streamValues(count, sink));
                assertEquals(count, sink.received());
                assertEquals(0, sink.outOfOrder());
                assertEquals(8, client.simpleCall(7), "the connection is in step after the stream");
            }
        }
    }

    /**
     * Over CURVE a receive pipe that fills makes JeroMQ 0.6.0 deliver a message undecoded
     * (ZeroMqCurve.HWM), and its send queues fill sooner: a slow consumer's stream (paced by
     * credits) and 4096 calls in flight (InFlightBenchmark's most) must still arrive whole, decoded
     * and in order.
     */
    @Test
    void overCurveASlowConsumersStreamAnd4096CallsInFlightArriveDecoded() throws Exception {
        int count = 300_000;
        RpcSettings curve = RpcSettings.defaults().with(rpcbench.api.tls.Tls.ENABLED, true)
                .with(RpcSettings.CALL_TIMEOUT_MS, 5000);
        try (ServerProcess server = ServerProcess.start("zeromq", curve);
             RpcImplementation client = connect(server.endpoint(), server.clientSettings(curve))) {
            ZeroMqTestSupport.OrderedCount sink = new ZeroMqTestSupport.OrderedCount(10_000, 15);
            assertEquals(count, client.streamValues(count, sink));
            assertEquals(0, sink.outOfOrder());
            List<java.util.concurrent.CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < rpcbench.api.AsyncCalls.MOST_IN_FLIGHT; i++) {
                calls.add(((rpcbench.api.AsyncCalls) client).simpleCallAsync(i));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertEquals(i + 1, calls.get(i).join(), "call " + i + " of " + calls.size() + " in flight");
            }
            assertEquals(8, client.simpleCall(7), "the connection is in step afterwards");
        }
    }

    /** Streams and calls of eight clients interleave on the one ROUTER thread, all correct. */
    @Test
    void manyClientsMixStreamsAndCallsOnOneServer() throws Exception {
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (ServerProcess server = ServerProcess.start("zeromq", RpcSettings.defaults())) {
            List<Future<String>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                results.add(pool.submit(() -> {
                    try (RpcImplementation client = connect(server.endpoint())) {
                        for (int round = 0; round < 5; round++) {
                            ZeroMqTestSupport.OrderedCount sink = new ZeroMqTestSupport.OrderedCount(25_000, 5);
                            long arrived = client.streamValues(id % 2 == 0 ? 100_000 : 100, sink);
                            if (arrived != sink.received() || sink.outOfOrder() != 0) {
                                return "client " + id + " stream: " + arrived + " returned, " + sink;
                            }
                            for (int i = 0; i < 300; i++) {
                                if (client.simpleCall(id * 1000 + i) != id * 1000 + i + 1) {
                                    return "client " + id + " call " + i + " answered wrongly";
                                }
                            }
                        }
                        return "ok";
                    }
                }));
            }
            for (Future<String> result : results) {
                assertEquals("ok", result.get(100, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Teardown ends the JeroMQ I/O and reaper threads that the client's context started. */
    @Test
    void teardownEndsEveryJeroMqThreadOfTheClient() throws Exception {
        try (ServerProcess server = ServerProcess.start("zeromq", RpcSettings.defaults())) {
            long before = ZeroMqTestSupport.jeroMqThreads();
            List<RpcImplementation> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(connect(server.endpoint()));
            }
            assertTrue(ZeroMqTestSupport.jeroMqThreads() >= before + 8, "each client runs an I/O and a reaper thread");
            clients.forEach(RpcImplementation::teardown);
            assertEquals(before, ZeroMqTestSupport.awaitJeroMqThreads(before, 5_000));
        }
    }

    /** A set-up client; a failed setup has already released what it started. */
    private static RpcImplementation connect(Endpoint endpoint) throws IOException {
        return connect(endpoint, RpcSettings.defaults());
    }

    private static RpcImplementation connect(Endpoint endpoint, RpcSettings settings) throws IOException {
        ZeroMqClient client = new ZeroMqClient(settings);
        client.setup(endpoint);
        return client;
    }
}
