package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
            try (Socket silent = open(e); Socket stalled = open(e)) {
                // a few bytes of something that could be the start of a message, then nothing
                stalled.getOutputStream().write(new byte[] {0, 0, 1, 0, 'G'});
                stalled.getOutputStream().flush();
                assertTrue(closedByServerWithin(silent, IDLE_MILLIS + 9000),
                        "a connection that sent nothing was still open after " + (IDLE_MILLIS + 9000) + " ms");
                assertTrue(closedByServerWithin(stalled, IDLE_MILLIS + 9000),
                        "a connection stalled mid-message was still open after " + (IDLE_MILLIS + 9000) + " ms");
            }
            try (RpcImplementation client = connect(e)) {
                assertEquals(8, client.simpleCall(7), "the server serves on after closing idle connections");
            }
        }
    }

    private static Socket open(Endpoint e) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(e.host(), e.port()), 5000);
        return s;
    }

    /** True when the server ends the connection (end of stream or reset) within the time. */
    private static boolean closedByServerWithin(Socket s, int millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[4096];
        while (System.currentTimeMillis() < deadline) {
            s.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
                // the server may answer garbage or send a greeting first; keep reading
            } catch (SocketTimeoutException timeout) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }
}
