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
}
