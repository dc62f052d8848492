package rpcbench.grpc;

import java.io.IOException;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transports;

/** What the gRPC behaviour tests share: clients in a chosen threading mode, and freezing a server. */
final class GrpcTestSupport {

    private GrpcTestSupport() {
    }

    /** A client with the default settings connected to {@code endpoint}. */
    static RpcImplementation connect(Endpoint endpoint) throws IOException {
        return connect(endpoint, RpcSettings.defaults());
    }

    /** A client made with {@code settings}, connected to {@code endpoint}; torn down again if setup fails. */
    static RpcImplementation connect(Endpoint endpoint, RpcSettings settings) throws IOException {
        return Transports.byName("grpc").connect(settings, endpoint);
    }

    /** A client whose event loop is run by its caller ({@code true}) or by a thread of its own. */
    static RpcImplementation connect(Endpoint endpoint, boolean callerEventLoop) throws IOException {
        return connect(endpoint, RpcSettings.defaults(), callerEventLoop);
    }

    /** {@link #connect(Endpoint, boolean)} with the other settings from {@code settings}. */
    static RpcImplementation connect(Endpoint endpoint, RpcSettings settings, boolean callerEventLoop)
            throws IOException {
        return connect(endpoint, settings.with(GrpcConfig.CALLER_EVENT_LOOP, callerEventLoop));
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
