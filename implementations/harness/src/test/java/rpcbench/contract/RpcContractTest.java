package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transport;
import rpcbench.api.Transports;
import rpcbench.server.ServerProcess;
import rpcbench.server.ServerStats;

/**
 * The contract every transport keeps, checked against a real server in its own process. A
 * transport module runs it by extending this class and naming its transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class RpcContractTest implements TransferContract, AsyncCallContract, ConnectContract, FuzzContract,
        OversizeContract, IdleContract, StartFailureContract, CutConnectionContract, BudgetContract,
        ServerModeContract, MessageContract, AuthContract, TlsContract {

    private ServerProcess server;

    /** The name under which the transport under test registered itself. */
    @Override
    public abstract String transportName();

    @BeforeAll
    void startServer() throws IOException {
        server = ServerProcess.start(transportName(), settings());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            long pid = server.pid();
            server.close();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "server process " + pid + " survived close()");
        }
    }

    /**
     * The settings of the clients and servers the suite makes: every default. A subclass may
     * override this to run the suite with a setting of its transport (HTTP's client choice).
     */
    @Override
    public RpcSettings settings() {
        return RpcSettings.defaults();
    }

    @Override
    public Transport transport() {
        return Transports.byName(transportName());
    }

    @Override
    public Endpoint serverEndpoint() {
        return server.endpoint();
    }

    @Override
    public boolean serverAlive() {
        return server.isAlive();
    }

    @Override
    public RpcImplementation connect(Endpoint endpoint) throws IOException {
        return connect(endpoint, settings());
    }

    /** A client made with {@code clientSettings}, set up against {@code endpoint}. */
    public RpcImplementation connect(Endpoint endpoint, RpcSettings clientSettings) throws IOException {
        return transport().connect(clientSettings, endpoint);
    }

    @Override
    public RpcImplementation connect() throws IOException {
        return connect(server.endpoint());
    }

    @Test
    void transportIsRegisteredUnderItsName() {
        assertEquals(transportName(), transport().name());
        assertTrue(Transports.names().contains(transportName()));
    }

    @Test
    void simpleCallReturnsValuePlusOne() throws IOException {
        try (RpcImplementation client = connect()) {
            for (int v : new int[] {0, 1, -1, 41, 123_456_789, Integer.MIN_VALUE}) {
                assertEquals(v + 1, client.simpleCall(v), "simpleCall(" + v + ")");
            }
            assertEquals(Integer.MIN_VALUE, client.simpleCall(Integer.MAX_VALUE), "int arithmetic wraps");
            for (int i = 0; i < 1000; i++) {
                assertEquals(i + 1, client.simpleCall(i));
            }
        }
    }

    @Test
    void echoReturnsTheSameBytes() throws IOException {
        Random random = new Random(42);
        try (RpcImplementation client = connect()) {
            for (int size : new int[] {0, 1, 1024, 10_240, 102_400, 1_048_576, TEN_MB}) {
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                byte[] answer = client.echo(payload);
                assertNotNull(answer, "echo of " + size + " bytes returned null");
                assertEquals(size, answer.length, "echo of " + size + " bytes returned another length");
                assertArrayEquals(payload, answer, "echo of " + size + " bytes changed the bytes");
            }
            assertEquals(8, client.simpleCall(7), "a call after a 10 MB echo still works");
        }
    }

    @Test
    void streamDeliversEveryValueInOrder() throws IOException {
        try (RpcImplementation client = connect()) {
            for (int count : new int[] {0, 1, 1000, 100_000}) {
                OrderCheckingSink sink = new OrderCheckingSink();
                long arrived = client.streamValues(count, sink);
                assertEquals(count, arrived, "streamValues(" + count + ") return value");
                assertEquals(count, sink.received, "values handed to the sink for count " + count);
                assertEquals(0, sink.outOfOrder, "values out of order for count " + count);
            }
            assertEquals(6, client.simpleCall(5), "a call after streams still works");
        }
    }

    /**
     * A sink that gives up after 1000 of ten million values must see its own exception promptly:
     * a client that collected the stream before handing it over could not pass. The server must
     * then go on serving other clients.
     */
    @Test
    void streamHandsValuesOverAsTheyArriveAndSurvivesAnAbandonedStream() throws IOException {
        class EnoughValues extends RuntimeException {
            EnoughValues() {
                super("sink stops the stream", null, false, false);
            }
        }
        RpcImplementation client = connect();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                assertThrows(EnoughValues.class, () -> client.streamValues(10_000_000, v -> {
                    if (v == 1000) {
                        throw new EnoughValues();
                    }
                }));
            });
        } finally {
            client.teardown();
        }
        try (RpcImplementation other = connect()) {
            assertEquals(100, other.simpleCall(99), "server serves the next client after an abandoned stream");
            assertEquals(10, other.streamValues(10, new OrderCheckingSink()));
        }
    }

    @Test
    void manyClientsCallOneServerAtOnce() throws Exception {
        int threads = 8;
        int callsEach = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * 1_000_000;
                results.add(pool.submit(() -> {
                    int correct = 0;
                    try (RpcImplementation client = connect()) {
                        for (int i = 0; i < callsEach; i++) {
                            if (client.simpleCall(base + i) == base + i + 1) {
                                correct++;
                            }
                        }
                    }
                    return correct;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(callsEach, result.get(90, TimeUnit.SECONDS), "correct answers of one client thread");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void teardownIsIdempotent() throws IOException {
        RpcImplementation client = connect();
        assertEquals(2, client.simpleCall(1));
        client.teardown();
        client.teardown();
        client.close();
        RpcImplementation neverConnected = transport().newClient(settings());
        neverConnected.teardown();
        neverConnected.teardown();
    }

    @Test
    void setupFailsClearlyWhenNoServerListens() throws IOException {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        RpcImplementation client = transport().newClient(settings());
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                Exception e = assertThrows(Exception.class, () -> client.setup(Endpoint.loopback(freePort)));
                assertTrue(e instanceof IOException || e instanceof RuntimeException, "unexpected " + e);
            });
        } finally {
            client.teardown();
        }
    }

    @Test
    void aKilledServerMakesTheNextCallFailWithinSeconds() throws IOException {
        ServerProcess doomed = ServerProcess.start(transportName(), settings());
        RpcImplementation client = null;
        try {
            client = connect(doomed.endpoint());
            assertEquals(11, client.simpleCall(10));
            doomed.kill();
            assertFalse(doomed.isAlive());
            RpcImplementation c = client;
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                RuntimeException e = assertThrows(RuntimeException.class, () -> c.simpleCall(20));
                assertNotNull(e.getMessage(), "the failure says what happened");
            });
        } finally {
            if (client != null) {
                client.teardown();
            }
            doomed.close();
        }
    }

    /**
     * A server that is alive but silent (stopped with SIGSTOP) must not hang a client: the call
     * fails after the call timeout, lowered here to keep the test short.
     */
    @Test
    void aFrozenServerMakesTheCallTimeOut() throws Exception {
        Assumptions.assumeTrue(new File("/bin/kill").canExecute(), "needs POSIX kill to freeze a process");
        ServerProcess frozen = ServerProcess.start(transportName(), settings());
        RpcImplementation client = null;
        try {
            // A low call timeout, with room for a cold client on a busy machine.
            client = connect(frozen.endpoint(), settings().with(RpcSettings.CALL_TIMEOUT_MS, 3000));
            assertEquals(3, client.simpleCall(2));
            signal("STOP", frozen.pid());
            awaitAllThreadsStopped(frozen.pid());
            RpcImplementation c = client;
            assertTimeoutPreemptively(Duration.ofSeconds(12), () -> {
                RuntimeException e = assertThrows(RuntimeException.class, () -> c.simpleCall(4));
                assertNotNull(e.getMessage(), "the failure says what happened");
            });
        } finally {
            signal("CONT", frozen.pid());
            if (client != null) {
                client.teardown();
            }
            frozen.close();
        }
    }

    /** kill returns before every thread has stopped; on a busy machine one could still answer. */
    private static void awaitAllThreadsStopped(long pid) throws IOException, InterruptedException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        for (int attempt = 0; attempt < 500; attempt++) {
            boolean allStopped = true;
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path thread : (Iterable<Path>) threads::iterator) {
                    String stat = Files.readString(thread.resolve("stat"));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    allStopped &= state == 'T' || state == 't';
                }
            } catch (IOException e) {
                allStopped = false; // a thread ended while being listed: look again
            }
            if (allStopped) {
                return;
            }
            Thread.sleep(10);
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("/bin/kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }

    @Test
    void serverReportsItsCost() throws IOException {
        ServerStats stats = server.stats();
        assertTrue(stats.cpuNanos() > 0, "cpu time " + stats);
        assertTrue(stats.heapUsedBytes() > 0, "heap used " + stats);
        assertTrue(stats.heapCommittedBytes() >= stats.heapUsedBytes(), "heap committed " + stats);
        assertTrue(server.isAlive());
    }

    /** Counts values and checks that each is the one after the previous. */
    protected static final class OrderCheckingSink implements java.util.function.IntConsumer {
        long received;
        long outOfOrder;

        @Override
        public void accept(int value) {
            if (value != received) {
                outOfOrder++;
            }
            received++;
        }
    }
}
