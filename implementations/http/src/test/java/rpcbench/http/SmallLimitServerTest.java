package rpcbench.http;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.server.ServerLaunch;
import rpcbench.server.ServerProcess;

/**
 * Tests against one real http server process whose maximum request body (64 KiB) is far below the
 * clients' own (the default 16 MiB), so that the server's limit, not the client's, is what refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class SmallLimitServerTest {

    /** The server's maximum request body. */
    static final int MAX_BODY = 64 * 1024;

    protected ServerProcess server;

    @BeforeAll
    void startServer() throws IOException {
        RpcSettings small = RpcSettings.defaults().with(RpcSettings.MAX_MESSAGE_BYTES, MAX_BODY);
        server = ServerProcess.start(ServerLaunch.of("http", small).withJvmArgs(List.of("-Xmx256m")), small);
    }

    /** A client of the given kind ({@code jdk} or {@code jetty}), set up against the server. */
    protected RpcImplementation connect(String which) throws IOException {
        return connect(which, server.endpoint());
    }

    protected static RpcImplementation connect(String which, Endpoint endpoint) throws IOException {
        return new HttpTransport().connect(RpcSettings.defaults().with(HttpTransport.CLIENT, which), endpoint);
    }

    /** Stops the server and fails when its process is still there. */
    @AfterAll
    void stopServer() {
        if (server != null) {
            long pid = server.pid();
            server.close();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server " + pid + " survived");
        }
    }
}
