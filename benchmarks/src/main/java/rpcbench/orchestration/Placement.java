package rpcbench.orchestration;

import java.util.Collection;
import java.util.List;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;
import rpcbench.os.CpuList;
import rpcbench.remote.RemoteDeployment;
import rpcbench.remote.RemoteFailure;
import rpcbench.remote.RemoteHost;
import rpcbench.server.ServerLaunch;

/**
 * Where a run's server is: started by each JMH fork on this machine (the default), started behind
 * a command prefix ({@link ServerLaunch#PREFIX}), on another host over ssh ({@link RemoteHost#HOST}), or
 * already running at {@link ServerLaunch#ADDRESS}.
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
        RemoteHost remote = RemoteHost.of(settings);
        if (remote != null && external != null) {
            throw new IllegalArgumentException(RemoteHost.HOST.name() + " starts servers on " + remote + ", and "
                    + ServerLaunch.ADDRESS.name() + " uses one already running: give one of them");
        }
        if (remote != null && settings.isSet(ServerLaunch.BIND) && isLoopback(settings.get(ServerLaunch.BIND))) {
            throw new IllegalArgumentException(ServerLaunch.BIND.name() + "=" + settings.get(ServerLaunch.BIND)
                    + " is the loopback of " + remote + ", which this machine cannot reach: leave it unset (the"
                    + " host's address) or give an address of that host");
        }
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
        RemoteHost remote = RemoteHost.of(RpcSettings.current());
        String where = remote == null ? "this machine" : remote + " over ssh (jar in " + remote.dir() + " there)";
        return (prefix.isEmpty() ? "started by each fork on " + where
                : "started by each fork on " + where + " behind '" + ServerLaunch.join(prefix) + "'")
                + (cpus == null ? "" : ", pinned to CPUs " + cpus + (remote == null ? "" : " there"));
    }

    /**
     * Copies benchmarks.jar to the remote host, if the run has one and the copy there is not this
     * jar already: done once before the forks start, so that an unreachable host, a refused key or
     * an old java there is one line before anything runs (each fork then finds the copy in place).
     *
     * @return null when servers can start, else the one line saying why not
     */
    public static String prepareRemote() {
        RemoteHost remote = RemoteHost.of(RpcSettings.current());
        try {
            if (remote != null) {
                RemoteDeployment.ensure(remote);
            }
            return null;
        } catch (RemoteFailure e) {
            return e.getMessage();
        }
    }

    private static boolean isLoopback(String address) {
        return address.equals("localhost") || address.startsWith("127.") || address.equals("::1")
                || address.equals("[::1]");
    }

    /**
     * Every setting of this JVM ({@link RpcSettings#jvmFlags()}) as a -D flag for the JMH forks,
     * less those in {@code passedAnyway} (the JVM flags the forks get in any case).
     */
    public static List<String> forkArgs(Collection<String> passedAnyway) {
        return RpcSettings.current().jvmFlags().stream().filter(arg -> !passedAnyway.contains(arg)).toList();
    }
}
