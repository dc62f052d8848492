package rpcbench.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.server.ServerProcess;

/**
 * A server that is alive but silent (its process stopped with SIGSTOP, so the kernel still
 * accepts connections and data) makes the next call fail through the client sockets' read timeout,
 * including the path where RMI opens a new connection and would otherwise wait 60 s for its
 * handshake. A killed server is the contract suite's business; a frozen one is the harder case.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RmiTimeoutTest {

    private static final int TIMEOUT_MILLIS = 1000;

    @Test
    void aFrozenServerFailsTheNextCallByTheCallTimeout() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "needs kill -STOP");
        ServerProcess frozen = ServerProcess.start("rmi", RpcSettings.defaults());
        RpcImplementation client = new RmiTransport().newClient(
                RpcSettings.defaults().with(RpcSettings.CALL_TIMEOUT_MS, TIMEOUT_MILLIS));
        try {
            client.setup(frozen.endpoint());
            assertEquals(6, client.simpleCall(5));
            signal("STOP", frozen.pid());
            // Bounded by one read timeout when the pooled connection is used at once, two when RMI
            // first pings the idle connection and then opens a new one; 10 s leaves ample margin.
            RpcException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(RpcException.class, () -> client.simpleCall(6)));
            assertTrue(e.getMessage().contains("no answer within " + TIMEOUT_MILLIS + " ms"), e.getMessage());
            RpcException next = assertThrows(RpcException.class, () -> client.simpleCall(7));
            assertTrue(next.getMessage().contains("unusable"), next.getMessage());
        } finally {
            client.teardown();
            signal("CONT", frozen.pid());
            frozen.close();
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + pid);
    }
}
