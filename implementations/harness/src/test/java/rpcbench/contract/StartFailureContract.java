package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import rpcbench.api.RpcSettings;

import rpcbench.server.ServerLaunch;
import rpcbench.server.ServerProcess;

/**
 * A server that cannot start says so at once: asked for a port that is already taken, the launch
 * fails with an IOException naming the address and carrying the server log's last lines, and no
 * process is left behind.
 */
interface StartFailureContract {

    String transportName();

    RpcSettings settings();

    @Test
    default void aTakenPortFailsTheStartClearly() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            long before = ProcessHandle.current().descendants().count();
            IOException e = assertThrows(IOException.class,
                    () -> ServerProcess.start(ServerLaunch.of(transportName(), settings()).withPort(port), settings()).close());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), "the message names the address: " + e.getMessage());
            assertTrue(e.getMessage().contains("log"), "the message shows the server log: " + e.getMessage());
            assertTrue(ProcessHandle.current().descendants().count() <= before,
                    "a server process outlived its failed start");
        }
    }
}
