package rpcbench.api;

import java.util.function.Function;

/**
 * Service-provider interface for a team's own service served with one of rpc-bench's frameworks, so
 * that rpc-bench runs it exactly as it runs a transport's server: in its own process started by the
 * harness (rpcbench.server.ServerMain: {@code READY <port>}, {@code STATS}, {@code STOP}, gone when
 * its parent is), measured by the benchmarks' fixtures and reported next to the bare transport.
 *
 * <p>A module adds one by implementing this and naming the class in
 * {@code META-INF/services/rpcbench.api.AppServer}; {@code examples/inventory} is the worked example
 * (docs/your-service.md). The application's clients are its own: rpc-bench starts, measures and
 * stops the server, and never calls it.
 */
public interface AppServer {

    /** The application's short lower-case name, for example {@code inventory}. */
    String app();

    /**
     * The rpc-bench transport whose framework serves it ({@code grpc}, {@code http}): its bare
     * {@code SimpleCallBenchmark} over the same framework is what the application's calls are compared with.
     */
    String transport();

    /**
     * A new, unstarted server that takes every setting it needs from {@code settings} (the call timeout,
     * the largest message, the idle timeout); call {@link RpcServer#start} next.
     */
    RpcServer newServer(RpcSettings settings);

    /** The name the harness starts it by, {@code app-transport}: {@code inventory-grpc}. */
    default String serverName() {
        return serverName(app(), transport());
    }

    /** The name of {@code app}'s server over {@code transport}. */
    static String serverName(String app, String transport) {
        return app + "-" + transport;
    }

    /**
     * A registration in one line: {@code public App() { super("inventory", "grpc", InventoryGrpcServer::new); }}
     * in a public subclass with a public no-argument constructor, as {@link java.util.ServiceLoader} needs.
     */
    abstract class Registration implements AppServer {

        private final String app;
        private final String transport;
        private final Function<RpcSettings, RpcServer> factory;

        protected Registration(String app, String transport, Function<RpcSettings, RpcServer> factory) {
            this.app = app;
            this.transport = transport;
            this.factory = factory;
        }

        @Override
        public final String app() {
            return app;
        }

        @Override
        public final String transport() {
            return transport;
        }

        @Override
        public final RpcServer newServer(RpcSettings settings) {
            return factory.apply(settings);
        }
    }
}
