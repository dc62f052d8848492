package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.server.ServerLaunch;
import rpcbench.server.ServerProcess;

/**
 * Slow and vanished clients cannot pin a server: with a 1 s idle timeout, a connection that sends
 * nothing, and one that stops half-way through a message, are closed by the server within
 * seconds, and the server goes on serving.
 */
interface IdleContract {

    int IDLE_MILLIS = 1000;

    String transportName();

    RpcSettings settings();

    RpcImplementation connect(Endpoint endpoint) throws IOException;

    @Test
    default void idleAndStalledConnectionsAreClosedByTheServer() throws IOException {
        ServerLaunch launch = ServerLaunch.of(transportName(), settings()).withJvmArgs(List.of("-Xmx256m"));
        try (ServerProcess server = ServerProcess.start(launch,
                settings().with(RpcSettings.IDLE_TIMEOUT_MS, IDLE_MILLIS))) {
            Endpoint e = server.endpoint();
            try (RawConnection silent = RawConnection.open(e); RawConnection stalled = RawConnection.open(e)) {
                // a few bytes of something that could be the start of a message, then nothing
                stalled.send(new byte[] {0, 0, 1, 0, 'G'});
                assertTrue(silent.closedByServerWithin(IDLE_MILLIS + 9000),
                        "a connection that sent nothing was still open after " + (IDLE_MILLIS + 9000) + " ms");
                assertTrue(stalled.closedByServerWithin(IDLE_MILLIS + 9000),
                        "a connection stalled mid-message was still open after " + (IDLE_MILLIS + 9000) + " ms");
            }
            try (RpcImplementation client = connect(e)) {
                assertEquals(8, client.simpleCall(7), "the server serves on after closing idle connections");
            }
        }
    }
}
