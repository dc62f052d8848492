package rpcbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import rpcbench.api.CallPool;
import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transport;
import rpcbench.api.Transports;
import rpcbench.api.tls.Tls;
import rpcbench.http.HttpTransport;
import rpcbench.server.ServerProcess;

/**
 * Every transport's call pool (the open-loop load generator's client), against a real server
 * process: calls spread over several connections are all answered correctly, driven only by the
 * sender's thread lending itself to the pool; and a server that dies, or stops answering, makes
 * every call in flight fail within the call timeout instead of hanging. HTTP has two load clients
 * (Netty's codec by default, Jetty's with {@code rpcbench.http.load.client=client}): both are tested.
 */
class CallPoolTest {

    /** A pool: a transport name, with {@code /client} for HTTP's other load client. */
    static List<String> asyncTransports() {
        List<String> pools = new ArrayList<>(Transports.all().stream().filter(t -> t.whyNoAsyncCalls() == null)
                .map(Transport::name).toList());
        pools.add("http/client");
        return pools;
    }

    private static String transport(String pool) {
        return pool.replace("/client", "");
    }

    private static RpcSettings settings(String pool, RpcSettings base) {
        return pool.endsWith("/client") ? base.with(HttpTransport.LOAD_CLIENT, "client") : base;
    }

    @ParameterizedTest
    @MethodSource("asyncTransports")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void callsOverSeveralConnectionsAreAllAnsweredCorrectly(String name) throws Exception {
        callsAreAllAnsweredCorrectly(name, RpcSettings.defaults());
    }

    /** With TLS (ZeroMQ: CURVE) the pools' connections trust exactly the server's certificate. */
    @ParameterizedTest
    @MethodSource("asyncTransports")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void callsOverTlsAreAllAnsweredCorrectly(String name) throws Exception {
        callsAreAllAnsweredCorrectly(name, RpcSettings.defaults().with(Tls.ENABLED, true));
    }

    /** A load client without TLS against a TLS server fails its setup in one line naming the cause. */
    @ParameterizedTest
    @MethodSource("asyncTransports")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPlaintextPoolAgainstATlsServerFailsInOneLine(String name) throws Exception {
        Transport transport = Transports.byName(transport(name));
        Assumptions.assumeTrue(transport.speaksTls(), "CURVE mismatches are the ZeroMQ contract's");
        RpcSettings plain = settings(name, RpcSettings.defaults().with(RpcSettings.CALL_TIMEOUT_MS, 3000));
        try (ServerProcess server = ServerProcess.start(transport(name), plain.with(Tls.ENABLED, true))) {
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> transport.connectPool(plain, server.endpoint(), 2).close());
            assertTrue(e.getMessage().contains("the server speaks TLS and this client does not"), e.getMessage());
            rpcbench.api.RpcImplementation trusting = transport.connect(server.clientSettings(plain.with(Tls.ENABLED, true)),
                    server.endpoint());
            try {
                assertEquals(8, trusting.simpleCall(7), "the server serves on");
            } finally {
                trusting.teardown();
            }
        }
    }

    private static void callsAreAllAnsweredCorrectly(String name, RpcSettings base) throws Exception {
        RpcSettings settings = settings(name, base);
        try (ServerProcess server = ServerProcess.start(transport(name), settings);
             CallPool pool = Transports.byName(transport(name)).connectPool(server.clientSettings(settings),
                     server.endpoint(), 3)) {
            AtomicInteger right = new AtomicInteger();
            AtomicReference<String> problem = new AtomicReference<>();
            int calls = 300;
            for (int i = 0; i < calls; i++) {
                int value = i;
                pool.start(i % 3, value, (answer, failure) -> {
                    if (failure != null || answer != value + 1) {
                        problem.compareAndSet(null, value + " -> " + answer + " " + failure);
                    } else {
                        right.incrementAndGet();
                    }
                });
                if (i % 10 == 0) {
                    pool.runUntil(System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(200));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (right.get() < calls && problem.get() == null && System.nanoTime() < deadline) {
                pool.runUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertNull(problem.get());
            assertEquals(calls, right.get(), pool.describe());
        }
    }

    @ParameterizedTest
    @MethodSource("asyncTransports")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aServerThatDiesFailsTheCallsInFlightWithinTheTimeout(String name) throws Exception {
        callsFailWithin(name, 10, ServerProcess::kill);
    }

    /** A stopped server keeps its connections open and answers nothing: only the pool's own bound ends the calls. */
    @ParameterizedTest
    @MethodSource("asyncTransports")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aServerThatStopsAnsweringFailsTheCallsInFlightWithinTheTimeout(String name) throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "uses SIGSTOP");
        callsFailWithin(name, 3 + 5, server -> signal("STOP", server.pid()));
    }

    private static void callsFailWithin(String name, int seconds, Consumer<ServerProcess> breakIt) throws Exception {
        RpcSettings settings = settings(name, RpcSettings.defaults().with(RpcSettings.CALL_TIMEOUT_MS, 3000));
        ServerProcess server = ServerProcess.start(transport(name), settings);
        try (CallPool pool = Transports.byName(transport(name)).newCallPool(settings, server.endpoint(), 2)) {
            breakIt.accept(server);
            List<RpcException> failures = new ArrayList<>();
            AtomicInteger ended = new AtomicInteger();
            for (int i = 0; i < 20; i++) {
                pool.start(i % 2, i, (answer, failure) -> {
                    ended.incrementAndGet();
                    if (failure != null) {
                        synchronized (failures) {
                            failures.add(failure);
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (ended.get() < 20 && System.nanoTime() < deadline) {
                pool.runUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertEquals(20, ended.get(), "every call ended");
            assertEquals(20, failures.size(), "and failed: " + failures);
            assertTrue(failures.get(0).getMessage().contains(transport(name)), failures.get(0).getMessage());
        } finally {
            signal("CONT", server.pid());
            server.close();
        }
    }

    private static void signal(String name, long pid) {
        if (System.getProperty("os.name").startsWith("Windows")) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
            // kill returns once the signal is sent; a server thread running on the other CPU may still answer
            // a call before it stops, so wait until Linux shows the process stopped (state T).
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (name.equals("STOP") && Files.isReadable(stat) && System.nanoTime() < deadline) {
                String text = Files.readString(stat);
                if (text.substring(text.lastIndexOf(')') + 2).startsWith("T")) {
                    return;
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("kill -" + name + " " + pid + " failed", e);
        }
    }
}
