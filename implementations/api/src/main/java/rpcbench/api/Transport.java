package rpcbench.api;

import java.io.IOException;
import java.util.List;

/**
 * Service-provider interface for one way of calling another process. A module adds a transport by
 * implementing this and naming the class in {@code META-INF/services/rpcbench.api.Transport};
 * the benchmarks, the server launcher and the contract tests then find it by {@link #name()}.
 */
public interface Transport {

    /** Short lower-case name used on every command line, for example {@code grpc}. */
    String name();

    /**
     * A new, unconnected client that takes every setting it needs from {@code settings} now; call
     * {@link RpcImplementation#setup(Endpoint)} next.
     */
    RpcImplementation newClient(RpcSettings settings);

    /**
     * A new, unstarted server that takes every setting it needs from {@code settings}; call
     * {@link RpcServer#start} next.
     */
    RpcServer newServer(RpcSettings settings);

    /**
     * The codecs this transport's {@link RpcImplementation#message} can carry, its natural one first
     * (the one its framework uses: Java serialization for RMI, protobuf for gRPC, JSON for REST).
     */
    List<MessageCodec> codecs();

    /**
     * A new client made with {@code settings} and set up against {@code server} (one real round
     * trip done); a client whose setup fails is torn down before the failure propagates, explained in
     * one line when client and server disagree about TLS ({@link rpcbench.api.tls.TlsMismatch}).
     */
    default RpcImplementation connect(RpcSettings settings, Endpoint server) throws IOException {
        RpcImplementation client = newClient(settings);
        try {
            client.setup(server);
            return client;
        } catch (IOException | RuntimeException e) {
            client.teardown();
            IOException explained = tlsMismatch(settings, server, e);
            if (explained != null) {
                throw explained; // client and server disagree about TLS: say so in one line
            }
            throw e;
        }
    }

    /** {@link #newCallPool}, a setup that fails because client and server disagree about TLS explained as {@link #connect} does. */
    default CallPool connectPool(RpcSettings settings, Endpoint server, int connections) throws IOException {
        try {
            return newCallPool(settings, server, connections);
        } catch (IOException e) {
            IOException explained = tlsMismatch(settings, server, e);
            throw explained != null ? explained : e;
        }
    }

    private IOException tlsMismatch(RpcSettings settings, Endpoint server, Exception failure) {
        return speaksTls() ? rpcbench.api.tls.TlsMismatch.explain(name(), settings, server, failure) : null;
    }

    /**
     * {@code connections} connections to {@code server} for open-loop load, driven by the calling
     * thread ({@link CallPool}). By default one client per connection through its
     * {@link AsyncCalls}; a transport whose client can run on the caller's thread overrides this.
     *
     * @throws UnsupportedOperationException with {@link #whyNoAsyncCalls()} when the clients block
     */
    default CallPool newCallPool(RpcSettings settings, Endpoint server, int connections) throws IOException {
        return FutureCallPool.connect(this, settings, server, connections);
    }

    /**
     * The settings of this transport's own (constants of its module), beyond
     * {@link RpcSettings#COMMON}: listed so that a run can refuse a misspelt one and print them all.
     */
    default List<Setting<?>> settings() {
        return List.of();
    }

    /**
     * Whether {@link rpcbench.api.tls.Tls#ENABLED} means TLS for this transport (true, the default), or
     * another security of its framework's (ZeroMQ's CURVE), whose failures its client names itself.
     */
    default boolean speaksTls() {
        return true;
    }

    /**
     * The ways this transport's server can run its handlers ({@link ServerMode}), the first being
     * the one {@link ServerMode#DEFAULT} names: the model rpc-bench has always measured. By default
     * one, the framework's own.
     */
    default List<ServerMode> serverModes() {
        return List.of(ServerMode.of("own", "the framework's own threading; it has no other"));
    }

    /**
     * True when this transport's server binds with {@code SO_REUSEPORT} when {@link SharedPort#SETTING}
     * asks, so that several server processes can share one port ({@code -p serverProcesses}). By
     * default false: the run refuses more than one server process for it, in one line.
     */
    default boolean sharesPort() {
        return false;
    }

    /**
     * Null when this transport's clients implement {@link AsyncCalls} with the framework's own
     * asynchronous API; otherwise one sentence saying why the framework cannot keep several calls
     * in flight on one connection (shown to users instead of a result, never emulated).
     */
    default String whyNoAsyncCalls() {
        return name() + " has no asynchronous call API in rpc-bench";
    }
}
