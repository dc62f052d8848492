package rpcbench.grpc;

import java.io.IOException;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.api.Transports;
import rpcbench.contract.SystemProperties;

/** What the gRPC behaviour tests share: clients in a chosen threading mode, and freezing a server. */
final class GrpcTestSupport {

    private GrpcTestSupport() {
    }

    /** A client connected to {@code endpoint}; torn down again if setup fails. */
    static RpcImplementation connect(Endpoint endpoint) throws IOException {
        RpcImplementation client = Transports.byName("grpc").newClient();
        boolean connected = false;
        try {
            client.setup(endpoint);
            connected = true;
            return client;
        } finally {
            if (!connected) {
                client.teardown();
            }
        }
    }

    /** A client whose event loop is run by its caller ({@code true}) or by a thread of its own. */
    static RpcImplementation connect(Endpoint endpoint, boolean callerEventLoop) throws IOException {
        return SystemProperties.with(GrpcConfig.CALLER_EVENT_LOOP, Boolean.toString(callerEventLoop),
                () -> connect(endpoint));
    }

    /** Whether a live thread's name starts with {@code prefix}. */
    static boolean threadAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix));
    }

    /** Sends a POSIX signal (STOP freezes a server, CONT thaws it). */
    static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("/bin/kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }
}
