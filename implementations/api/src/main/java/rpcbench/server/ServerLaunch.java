package rpcbench.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to start one server process: which transport, where it listens, and the JVM flags it gets.
 *
 * @param transport   transport name, see {@link rpcbench.api.Transports}
 * @param bindAddress address the server listens on
 * @param port        port to bind, 0 for a free one
 * @param jvmArgs     JVM flags for the server process
 */
public record ServerLaunch(String transport, String bindAddress, int port, List<String> jvmArgs) {

    /** Address servers bind unless told otherwise. Default {@code 127.0.0.1}. */
    public static final String BIND = "rpcbench.server.bind";

    /** Port servers bind unless told otherwise. Default 0: a free port the OS chooses. */
    public static final String PORT = "rpcbench.server.port";

    /**
     * JVM flags of every server process, separated by spaces; the same for every transport so that
     * no server gets a bigger heap or another collector. Default {@code -Xms256m -Xmx2g}.
     */
    public static final String JVM_ARGS = "rpcbench.server.jvmArgs";

    public static final String DEFAULT_JVM_ARGS = "-Xms256m -Xmx2g";

    public ServerLaunch {
        jvmArgs = List.copyOf(jvmArgs);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server port " + port + " is not between 0 and 65535");
        }
    }

    /** The launch of {@code transport} with every other setting from system properties. */
    public static ServerLaunch of(String transport) {
        String portText = System.getProperty(PORT, "0").trim();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + PORT + "='" + portText + "' is not a port number");
        }
        return new ServerLaunch(transport, System.getProperty(BIND, "127.0.0.1"), port,
                splitArgs(System.getProperty(JVM_ARGS, DEFAULT_JVM_ARGS)));
    }

    public ServerLaunch withPort(int newPort) {
        return new ServerLaunch(transport, bindAddress, newPort, jvmArgs);
    }

    public ServerLaunch withJvmArgs(List<String> newJvmArgs) {
        return new ServerLaunch(transport, bindAddress, port, newJvmArgs);
    }

    private static List<String> splitArgs(String text) {
        List<String> args = new ArrayList<>(Arrays.asList(text.trim().split("\\s+")));
        args.removeIf(String::isEmpty);
        return args;
    }
}
