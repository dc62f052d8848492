package rpcbench.orchestration;

import java.util.Collection;
import java.util.List;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;
import rpcbench.os.CpuList;
import rpcbench.server.ServerLaunch;

/**
 * Where a run's server is: started by each JMH fork on this machine (the default), started behind
 * a command prefix ({@link ServerLaunch#PREFIX}), or already running at {@link ServerLaunch#ADDRESS}.
 * Both are settings, so they must reach the JMH forks: {@link #forkArgs(Collection)} gives every
 * setting of this JVM as -D flags for them (JMH passes the host's own flags only while no -jvmArgs
 * is given).
 */
public final class Placement {

    private Placement() {
    }

    /** The already running server to use, or null when each fork starts its own. */
    public static Endpoint externalServer() {
        return RpcSettings.current().get(ServerLaunch.ADDRESS);
    }

    /**
     * Checks the placement settings of a run before it starts; an already running server serves one
     * transport, so the run must name exactly one.
     */
    public static void check(Collection<String> transports, RpcSettings settings) {
        settings.get(ServerLaunch.PREFIX); // an unclosed quote fails here, not in a fork
        settings.get(ServerLaunch.CPUS);
        Endpoint external = settings.get(ServerLaunch.ADDRESS);
        if (external != null && transports.size() != 1) {
            throw new IllegalArgumentException(ServerLaunch.ADDRESS.name() + "=" + external + " is one server of one"
                    + " transport: name it with -p transport=NAME (the run has " + String.join(", ", transports) + ")");
        }
    }

    /** One line saying where servers run, for the start of a run's log. */
    public static String describe() {
        Endpoint external = externalServer();
        if (external != null) {
            return "already running at " + external + " (server cost not measured)";
        }
        List<String> prefix = RpcSettings.current().get(ServerLaunch.PREFIX);
        CpuList cpus = RpcSettings.current().get(ServerLaunch.CPUS);
        return (prefix.isEmpty() ? "started by each fork on this machine"
                : "started by each fork behind '" + ServerLaunch.join(prefix) + "'")
                + (cpus == null ? "" : ", pinned to CPUs " + cpus);
    }

    /**
     * Every setting of this JVM ({@link RpcSettings#jvmFlags()}) as a -D flag for the JMH forks,
     * less those in {@code passedAnyway} (the JVM flags the forks get in any case).
     */
    public static List<String> forkArgs(Collection<String> passedAnyway) {
        return RpcSettings.current().jvmFlags().stream().filter(arg -> !passedAnyway.contains(arg)).toList();
    }
}
