package rpcbench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import org.junit.jupiter.api.Test;

/** The one client-failure rule: not set up, usable, then unusable after the first cause. */
class ClientHealthTest {

    @Test
    void notSetUpThenUsableThenUnusableAfterTheFirstCause() {
        ClientHealth health = new ClientHealth("tcp");
        RpcException e = assertThrows(RpcException.class, () -> health.checkUsable("simpleCall"));
        assertEquals("tcp: simpleCall on a connection that is not set up", e.getMessage());
        health.connected();
        health.checkUsable("simpleCall");
        assertTrue(health.isUsable());
        health.failed("echo");
        health.failed("simpleCall");
        health.tornDown();
        e = assertThrows(RpcException.class, () -> health.checkUsable("simpleCall"));
        assertEquals("tcp: simpleCall on a connection that is unusable after a failed echo", e.getMessage());
        assertTrue(health.isBroken());
        assertEquals("a failed echo", health.cause());
    }

    @Test
    void teardownBeforeSetupIsACauseToo() {
        ClientHealth health = new ClientHealth("rmi");
        assertFalse(health.isBroken());
        health.tornDown();
        health.connected(); // too late: a torn-down client stays unusable
        RpcException e = assertThrows(RpcException.class, () -> health.checkUsable("echo"));
        assertEquals("rmi: echo on a connection that is unusable after teardown", e.getMessage());
    }

    @Test
    void theCallersOwnExceptionComesBackAndTheConnectionIsUnusable() throws Exception {
        ClientHealth health = new ClientHealth("zeromq");
        health.connected();
        IOException sinkBroke = new IOException("disk full");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw sinkBroke; // OutputStream's write(byte[], int, int) comes here
            }
        };
        CallersOwn own = assertThrows(CallersOwn.class, () -> CallersOwn.write(failing, new byte[1], 1));
        assertSame(sinkBroke, health.callersOwn("downloadStream", own));
        assertEquals("a failed downloadStream", health.cause());
        CallersOwn.write(new ByteArrayOutputStream(), new byte[1], 1);
    }

    @Test
    void theFirstOfManyThreadsWins() throws InterruptedException {
        ClientHealth health = new ClientHealth("grpc");
        health.connected();
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            String cause = "cause " + i;
            threads[i] = new Thread(() -> health.broke(cause));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        String first = health.cause();
        assertTrue(first.startsWith("cause "), first);
        health.broke("later");
        assertEquals(first, health.cause());
    }
}
