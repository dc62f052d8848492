package rpcbench.server;

import java.util.ArrayList;
import java.util.List;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;
import rpcbench.api.Setting;
import rpcbench.os.CpuList;

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
    public static final Setting<String> BIND = Setting.text("rpcbench.server.bind", "127.0.0.1", "127.0.0.1",
            "address servers listen on (a warning is logged for a non-loopback one)");

    /** Port servers bind unless told otherwise. Default 0: a free port the OS chooses. */
    public static final Setting<Integer> PORT = Setting.of("rpcbench.server.port", 0, "0",
            "a port number between 0 and 65535", ServerLaunch::parsePort, String::valueOf,
            "port servers bind (0: the OS chooses)");

    /**
     * JVM flags of every server process, separated by spaces; the same for every transport so that
     * no server gets a bigger heap or another collector. Default {@code -Xms256m -Xmx2g}.
     */
    public static final Setting<List<String>> JVM_ARGS = words("rpcbench.server.jvmArgs", "-Xms256m -Xmx2g",
            "flags of every server JVM");

    /**
     * Command words put in front of the server's java command, for placement: {@code taskset -c 1},
     * {@code ip netns exec NS}; with {@link rpcbench.remote.RemoteHost#HOST} they run on that host, in
     * front of its java. Words split at spaces; quotes group words. Default: none.
     */
    public static final Setting<List<String>> PREFIX = words("rpcbench.server.prefix", "",
            "command words put before each server's java (placement: taskset -c 1, ip netns exec NS; on the"
                    + " remote host with rpcbench.server.remote)");

    /**
     * {@code HOST:PORT} of an already running server (started with {@code benchmarks.jar server});
     * a run then starts none, and the server's cost (the ·server.* metrics) is not measured.
     * Default: none, each JMH fork starts its own server.
     */
    public static final Setting<Endpoint> ADDRESS = Setting.of("rpcbench.server.address", null, "none",
            "HOST:PORT with a port in 1..65535", ServerLaunch::parseAddress, Endpoint::toString,
            "HOST:PORT of an already running server (one transport); no server is started and no"
                    + " ·server.* metric is measured");

    /**
     * CPUs every server is pinned to, written {@code 1} or {@code 2-3}: on Linux with
     * {@code taskset -c LIST} in front of the server's java (inside any prefix), on Windows by setting
     * the started server's own affinity (CPUs 0-63). Default: none, servers run where the OS puts them.
     */
    public static final Setting<CpuList> CPUS = Setting.of("rpcbench.server.cpus", null, "none",
            "a CPU list such as 1 or 2-3", CpuList::parse, CpuList::text,
            "CPUs every server is pinned to (Linux: taskset -c; Windows: the server's affinity mask, CPUs 0-63)");

    /** Where every launcher setting's name starts: none of them is passed on to a server. */
    public static final String NAMESPACE = "rpcbench.server.";

    public ServerLaunch {
        jvmArgs = List.copyOf(jvmArgs);
        prefix = List.copyOf(prefix);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server port " + port + " is not between 0 and 65535");
        }
    }

    /**
     * The launch of {@code transport} with every other setting from {@code settings}.
     *
     * @throws IllegalArgumentException when one of them is malformed, naming it
     */
    public static ServerLaunch of(String transport, RpcSettings settings) {
        return new ServerLaunch(transport, settings.get(BIND), settings.get(PORT), settings.get(JVM_ARGS),
                settings.get(PREFIX));
    }

    private static Setting<List<String>> words(String name, String defaultValue, String description) {
        return Setting.of(name, words(defaultValue), defaultValue.isEmpty() ? "none" : defaultValue,
                "a list of words (quotes group words)", ServerLaunch::words, ServerLaunch::join, description);
    }

    /** {@code host:port} or {@code [v6]:port}; null when it is not that. */
    private static Endpoint parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.isEmpty() ? null : new Endpoint(host, Integer.parseInt(text.substring(colon + 1)));
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

    public ServerLaunch withBindAddress(String newBindAddress) {
        return new ServerLaunch(transport, newBindAddress, port, jvmArgs, prefix);
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

    /** The words as {@link #words(String)} reads them back: a word with white space (or none) quoted. */
    public static String join(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String w : words) {
            boolean plain = !w.isEmpty() && w.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'');
            quoted.add(plain ? w : w.indexOf('"') < 0 ? '"' + w + '"' : "'" + w + "'");
        }
        return String.join(" ", quoted);
    }
}
