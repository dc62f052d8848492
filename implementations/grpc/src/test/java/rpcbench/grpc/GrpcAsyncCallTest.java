package rpcbench.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import rpcbench.api.AsyncCalls;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.server.ServerProcess;

/**
 * Asynchronous calls in both client threading modes: with a caller-run event loop the loop is
 * lent to a thread of its own while calls are in flight, so futures complete although the caller
 * runs nothing, synchronous calls in between take the loop back and return it, deadlines fire,
 * and teardown fails what is still in flight and ends that thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrpcAsyncCallTest {

    private ServerProcess server;

    @BeforeAll
    void startServer() throws IOException {
        server = ServerProcess.start("grpc", RpcSettings.defaults());
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /**
     * Synchronous calls and streams while 64 asynchronous calls are in flight, then 64 more, all
     * answered right; the caller never waits inside the client for the asynchronous ones.
     */
    @ParameterizedTest(name = "callerEventLoop={0}")
    @ValueSource(booleans = {true, false})
    void syncCallsBetweenAsyncCallsInFlight(boolean callerEventLoop) throws Exception {
        try (RpcImplementation client = GrpcTestSupport.connect(server.endpoint(), callerEventLoop)) {
            AsyncCalls async = (AsyncCalls) client;
            List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                inFlight.add(async.simpleCallAsync(i));
            }
            assertEquals(1001, client.simpleCall(1000));
            assertEquals(500, client.streamValues(500, v -> { }));
            for (int i = 64; i < 128; i++) {
                inFlight.add(async.simpleCallAsync(i));
            }
            for (int i = 0; i < 128; i++) {
                assertEquals(i + 1, inFlight.get(i).get(30, TimeUnit.SECONDS), "call " + i);
            }
            assertEquals(8, client.simpleCall(7));
        }
        assertFalse(GrpcTestSupport.threadAlive("grpc-client-async-loop"), "teardown ends the loop's thread");
    }

    /**
     * The caller waits only on a future the client never saw (all of 128 calls, ten rounds), so
     * the calls must be carried by the framework's threads, not by waiting on their futures.
     */
    @ParameterizedTest(name = "callerEventLoop={0}")
    @ValueSource(booleans = {true, false})
    void callsCompleteWhileTheCallerWaitsElsewhere(boolean callerEventLoop) throws Exception {
        try (RpcImplementation client = GrpcTestSupport.connect(server.endpoint(), callerEventLoop)) {
            AsyncCalls async = (AsyncCalls) client;
            for (int round = 0; round < 10; round++) {
                List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
                for (int i = 0; i < 128; i++) {
                    inFlight.add(async.simpleCallAsync(round * 1000 + i));
                }
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                for (int i = 0; i < 128; i++) {
                    assertEquals(round * 1000 + i + 1, inFlight.get(i).getNow(null), "call " + i);
                }
            }
        }
    }

    /** Calls in flight on a frozen server fail with RpcException after the call timeout. */
    @ParameterizedTest(name = "callerEventLoop={0}")
    @ValueSource(booleans = {true, false})
    void asyncCallsToAFrozenServerTimeOut(boolean callerEventLoop) throws Exception {
        assumeTrue(new File("/bin/kill").canExecute(), "needs POSIX kill to freeze a process");
        try (ServerProcess frozen = ServerProcess.start("grpc", RpcSettings.defaults())) {
            RpcImplementation client = GrpcTestSupport.connect(frozen.endpoint(),
                    RpcSettings.defaults().with(RpcSettings.CALL_TIMEOUT_MS, 2000), callerEventLoop);
            try (client) {
                assertEquals(3, ((AsyncCalls) client).simpleCallAsync(2).get(30, TimeUnit.SECONDS));
                GrpcTestSupport.signal("STOP", frozen.pid());
                try {
                    List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
                    for (int i = 0; i < 16; i++) {
                        inFlight.add(((AsyncCalls) client).simpleCallAsync(i));
                    }
                    for (CompletableFuture<Integer> call : inFlight) {
                        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
                        assertInstanceOf(RpcException.class, e.getCause());
                    }
                } finally {
                    GrpcTestSupport.signal("CONT", frozen.pid());
                }
            }
        }
    }

    /** Teardown with calls in flight fails them with RpcException instead of leaving them pending. */
    @ParameterizedTest(name = "callerEventLoop={0}")
    @ValueSource(booleans = {true, false})
    void teardownFailsCallsInFlight(boolean callerEventLoop) throws Exception {
        RpcImplementation client = GrpcTestSupport.connect(server.endpoint(), callerEventLoop);
        List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            inFlight.add(((AsyncCalls) client).simpleCallAsync(i));
        }
        client.teardown();
        int answered = 0;
        for (CompletableFuture<Integer> call : inFlight) {
            try {
                call.get(30, TimeUnit.SECONDS);
                answered++; // answered before the teardown: fine
            } catch (ExecutionException e) {
                assertInstanceOf(RpcException.class, e.getCause());
            }
        }
        assertEquals(128, answered + inFlight.stream().filter(CompletableFuture::isCompletedExceptionally).count());
        assertFalse(GrpcTestSupport.threadAlive("grpc-client-async-loop"), "teardown ends the loop's thread");
    }
}
