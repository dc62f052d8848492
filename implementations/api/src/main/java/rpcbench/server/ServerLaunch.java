package rpcbench.server;

import java.util.ArrayList;
import java.util.List;

/**
 * How to start one server process: which transport, where it listens, and the JVM flags it gets.
 *
 * @param transport   transport name, see {@link rpcbench.api.Transports}
 * @param bindAddress address the server listens on
 * @param port        port to bind, 0 for a free one
 * @param jvmArgs     JVM flags for the server process
 * @param prefix      command words put in front of the server's java command (empty: none)
 */
public record ServerLaunch(String transport, String bindAddress, int port, List<String> jvmArgs, List<String> prefix) {

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

    /**
     * Command words put in front of the server's java command, for placement: {@code taskset -c 1},
     * {@code ip netns exec NS}, {@code ssh user@host} (the remote machine then needs the same java
     * and jar paths). Words split at spaces; quotes group words. Default: none.
     */
    public static final String PREFIX = "rpcbench.server.prefix";

    public ServerLaunch {
        jvmArgs = List.copyOf(jvmArgs);
        prefix = List.copyOf(prefix);
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
                words(System.getProperty(JVM_ARGS, DEFAULT_JVM_ARGS)), words(System.getProperty(PREFIX, "")));
    }

    /** A port number in 0..65535 from text; throws IllegalArgumentException saying so. */
    public static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("port '" + text + "' is not a number between 0 and 65535");
    }

    public ServerLaunch withPort(int newPort) {
        return new ServerLaunch(transport, bindAddress, newPort, jvmArgs, prefix);
    }

    public ServerLaunch withJvmArgs(List<String> newJvmArgs) {
        return new ServerLaunch(transport, bindAddress, port, newJvmArgs, prefix);
    }

    /**
     * Splits a command line into words at whitespace; single or double quotes group words (and
     * {@code ""} is one empty word, as Windows' {@code start ""} needs). No escapes, no variables:
     * no shell is involved anywhere.
     *
     * @throws IllegalArgumentException on an unclosed quote
     */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                }
                word = null;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in '" + text + "'");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
