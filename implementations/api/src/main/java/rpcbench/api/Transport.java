package rpcbench.api;

/**
 * Service-provider interface for one way of calling another process. A module adds a transport by
 * implementing this and naming the class in {@code META-INF/services/rpcbench.api.Transport};
 * the benchmarks, the server launcher and the contract tests then find it by {@link #name()}.
 */
public interface Transport {

    /** Short lower-case name used on every command line, for example {@code grpc}. */
    String name();

    /** A new, unconnected client; call {@link RpcImplementation#setup(Endpoint)} next. */
    RpcImplementation newClient();

    /** A new, unstarted server; call {@link RpcServer#start} next. */
    RpcServer newServer();

    /**
     * Null when this transport's clients implement {@link AsyncCalls} with the framework's own
     * asynchronous API; otherwise one sentence saying why the framework cannot keep several calls
     * in flight on one connection (shown to users instead of a result, never emulated).
     */
    default String whyNoAsyncCalls() {
        return name() + " has no asynchronous call API in rpc-bench";
    }
}
