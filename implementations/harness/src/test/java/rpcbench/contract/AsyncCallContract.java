package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import rpcbench.api.AsyncCalls;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.Transport;

/**
 * Calls in flight: a transport either implements {@link AsyncCalls} natively and then keeps 128
 * calls outstanding on one connection with every answer right, or says why it cannot.
 */
interface AsyncCallContract {

    RpcImplementation connect() throws IOException;

    Transport transport();

    @Test
    default void asyncSupportIsDeclaredHonestly() throws IOException {
        String why = transport().whyNoAsyncCalls();
        try (RpcImplementation client = connect()) {
            if (client instanceof AsyncCalls) {
                assertNull(why, "a client with AsyncCalls must not declare a reason against it");
            } else {
                assertNotNull(why, "a client without AsyncCalls must say why");
                assertFalse(why.isBlank());
            }
        }
    }

    @Test
    default void manyCallsInFlightOnOneConnectionAllAnswerRight() throws Exception {
        try (RpcImplementation client = connect()) {
            if (!(client instanceof AsyncCalls async)) {
                return; // declared unsupported; checked above
            }
            for (int round = 0; round < 20; round++) {
                List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
                for (int i = 0; i < 128; i++) {
                    inFlight.add(async.simpleCallAsync(round * 1000 + i));
                }
                for (int i = 0; i < 128; i++) {
                    assertEquals(round * 1000 + i + 1, inFlight.get(i).get(30, TimeUnit.SECONDS), "call " + i);
                }
            }
            assertEquals(2, client.simpleCall(1), "a blocking call after async ones still works");
            CompletableFuture<Integer> last = async.simpleCallAsync(41);
            assertEquals(42, last.get(30, TimeUnit.SECONDS));
            assertTrue(last.isDone());
        }
    }

    /** As many calls in flight as a run may ask for ({@link AsyncCalls#mostInFlight()}): none refused, none lost. */
    @Test
    default void theMostCallsInFlightARunMayAskForAllAnswerRight() throws Exception {
        try (RpcImplementation client = connect()) {
            if (!(client instanceof AsyncCalls async)) {
                return; // declared unsupported; checked above
            }
            List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
            for (int i = 0; i < async.mostInFlight(); i++) {
                inFlight.add(async.simpleCallAsync(i));
            }
            for (int i = 0; i < inFlight.size(); i++) {
                assertEquals(i + 1, inFlight.get(i).get(30, TimeUnit.SECONDS), "call " + i + " of " + inFlight.size());
            }
        }
    }

    @Test
    default void asyncCallsFailClearlyWhenTheClientIsClosed() throws Exception {
        RpcImplementation client = connect();
        if (!(client instanceof AsyncCalls async)) {
            client.teardown();
            return;
        }
        client.teardown();
        Throwable failure;
        try {
            CompletableFuture<Integer> call = async.simpleCallAsync(1);
            ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
            failure = e.getCause();
        } catch (RpcException e) {
            failure = e; // refusing at once is as good as failing the future
        }
        assertInstanceOf(RpcException.class, failure, "an async call on a closed client fails with RpcException");
    }
}
