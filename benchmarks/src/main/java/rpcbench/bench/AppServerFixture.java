package rpcbench.bench;

import rpcbench.api.AppServer;
import rpcbench.api.AppServers;
import rpcbench.api.Endpoint;
import rpcbench.api.ServerMode;

/**
 * The server of a team's own application ({@link AppServer}) under test: everything
 * {@link ServerFixture} does for a transport (its own process started and stopped per trial, the
 * {@code transport} and {@code placement} parameters, the cost window of every iteration that
 * {@link CostProfiler} turns into ·server.cpu, ·client.cpu and the rest), but the process serves the
 * application's server over that transport's framework, {@code app-transport}.
 *
 * <p>Subclass it with the application's name and annotate the subclass {@code @State(Scope.Benchmark)};
 * the application's own client state takes it as a {@code @Setup} argument and connects to
 * {@link #endpoint()}. Its records carry the {@code transport} parameter, so that a report shows each
 * application call next to the bare {@link SimpleCallBenchmark} over the same framework
 * (docs/your-service.md).
 */
public abstract class AppServerFixture extends ServerFixture {

    /** The application's name, as its {@link AppServer#app()} says. */
    protected abstract String app();

    /**
     * The application's server over this trial's transport; refused in one line when there is none
     * and when the trial asks for server work or a server mode, which only rpc-bench's own servers do.
     */
    @Override
    String serverName() {
        if (work != 0 || !serverMode.equals(ServerMode.DEFAULT)) {
            throw new IllegalArgumentException("-p work and -p serverMode are rpc-bench's own servers' parameters;"
                    + " application " + app() + "'s server does its own work: leave them out");
        }
        return AppServers.of(app(), transport).serverName();
    }

    /** Where the application's clients connect. */
    @Override
    public Endpoint endpoint() {
        return super.endpoint();
    }
}
