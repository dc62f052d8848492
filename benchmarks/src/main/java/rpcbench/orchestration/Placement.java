package rpcbench.orchestration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import rpcbench.api.Endpoint;
import rpcbench.server.ServerLaunch;

/**
 * Where a run's server is: started by each JMH fork on this machine (the default), started behind
 * a command prefix ({@link ServerLaunch#PREFIX}), or already running at {@link #ADDRESS}. Both are
 * system properties, so they must reach the JMH forks: {@link #forkArgs(Collection)} gives every rpcbench.*
 * property of this JVM as -D flags for them (JMH passes the host's own flags only while no
 * -jvmArgs is given).
 */
public final class Placement {

    /**
     * {@code HOST:PORT} of an already running server (started with {@code benchmarks.jar server});
     * forks then start none, and the server's cost (the ·server.* metrics) is not measured. Default:
     * none, each fork starts its own server.
     */
    public static final String ADDRESS = "rpcbench.server.address";

    private Placement() {
    }

    /** The already running server to use, or null when each fork starts its own. */
    public static Endpoint externalServer() {
        String text = System.getProperty(ADDRESS, "").trim();
        return text.isEmpty() ? null : parseAddress(text);
    }

    /** {@code host:port} or {@code [v6]:port}; throws IllegalArgumentException naming the property. */
    static Endpoint parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            if (!host.isEmpty()) {
                return new Endpoint(host, Integer.parseInt(text.substring(colon + 1)));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(ADDRESS + "='" + text + "' is not HOST:PORT with a port in 1..65535");
    }

    /**
     * Checks the placement settings before a run; an already running server serves one transport,
     * so the run must name exactly one.
     */
    public static void check(Collection<String> transports) {
        ServerLaunch.words(System.getProperty(ServerLaunch.PREFIX, "")); // an unclosed quote fails here, not in a fork
        Endpoint external = externalServer();
        if (external != null && transports.size() != 1) {
            throw new IllegalArgumentException(ADDRESS + "=" + external + " is one server of one transport: name it"
                    + " with -p transport=NAME (the run has " + String.join(", ", transports) + ")");
        }
    }

    /** One line saying where servers run, for the start of a run's log. */
    public static String describe() {
        Endpoint external = externalServer();
        if (external != null) {
            return "already running at " + external + " (server cost not measured)";
        }
        String prefix = System.getProperty(ServerLaunch.PREFIX, "").trim();
        return prefix.isEmpty() ? "started by each fork on this machine" : "started by each fork behind '" + prefix + "'";
    }

    /**
     * Every rpcbench.* system property of this JVM as a -D flag for the JMH forks, less those in
     * {@code passedAnyway} (the JVM flags the forks get in any case).
     */
    public static List<String> forkArgs(Collection<String> passedAnyway) {
        List<String> args = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("rpcbench.")).sorted()
                .map(n -> "-D" + n + "=" + System.getProperty(n))
                .filter(arg -> !passedAnyway.contains(arg))
                .forEach(args::add);
        return args;
    }
}
