package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import rpcbench.api.RpcImplementation;

/**
 * What ConnectBenchmark repeats: a new connection, one call, close. Done many times, it must leave
 * no threads behind in the client, and the server must go on serving.
 */
interface ConnectContract {

    RpcImplementation connect() throws IOException;

    @Test
    default void connectCallCloseRepeatedlyLeavesNoThreadsBehind() throws Exception {
        try (RpcImplementation warm = connect()) {
            warm.simpleCall(0); // shared framework threads (event loops, timers) start here once
        }
        int before = settledThreadCount(Integer.MAX_VALUE);
        for (int i = 0; i < 50; i++) {
            try (RpcImplementation client = connect()) {
                assertEquals(i + 1, client.simpleCall(i));
            }
        }
        // A few framework threads may linger briefly after close; 50 leaked connections would not.
        int after = settledThreadCount(before + 8);
        assertTrue(after <= before + 8, "live threads grew from " + before + " to " + after
                + " over 50 connect-call-close cycles");
        try (RpcImplementation client = connect()) {
            assertEquals(100, client.simpleCall(99), "the server still serves after 50 connections came and went");
        }
    }

    /** The live thread count once it is at most {@code target}, or after 5 s of waiting for it. */
    private static int settledThreadCount(int target) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        int count = Thread.activeCount();
        while (count > target && System.nanoTime() < deadline) {
            Thread.sleep(50);
            count = Thread.activeCount();
        }
        return count;
    }
}
