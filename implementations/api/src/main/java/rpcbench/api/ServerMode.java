package rpcbench.api;

import java.util.ArrayList;
import java.util.List;

/**
 * One way a transport's server can run its handlers (its threading model), as users of that
 * framework choose it: each transport lists its own ({@link Transport#serverModes()}), the first
 * being the one rpc-bench has always measured, which {@link #DEFAULT} names, so that a published
 * figure keeps its meaning.
 *
 * @param name        the word given with {@code -p serverMode=} or {@link #SETTING}
 * @param minimumJdk  the JDK feature release the mode needs (21 for virtual threads), 0 for none
 * @param description what the mode does, naming the framework's knob (the systems page's table)
 */
public record ServerMode(String name, int minimumJdk, String description) {

    /** The name that always means a transport's first mode. */
    public static final String DEFAULT = "default";

    /** The JDK that has virtual threads. */
    public static final int VIRTUAL_THREADS_JDK = 21;

    /**
     * How the server runs its handlers: {@code default} (each transport's first mode) or a mode
     * of the server's transport. Default {@code default}.
     */
    public static final Setting<String> SETTING = Setting.text("rpcbench.serverMode", DEFAULT, DEFAULT,
            "how the server runs its handlers: default (its transport's first mode) or one of its transport's"
                    + " modes (the benchmarks' -p serverMode; docs/systems.md)");

    /** A mode any JDK 17 can run. */
    public static ServerMode of(String name, String description) {
        return new ServerMode(name, 0, description);
    }

    /** A mode on virtual threads (JDK 21 and later). */
    public static ServerMode onVirtualThreads(String name, String description) {
        return new ServerMode(name, VIRTUAL_THREADS_JDK, description);
    }

    /** The mode {@code settings} ask {@code transport}'s server for; see {@link #choose}. */
    public static ServerMode chosen(Transport transport, RpcSettings settings) {
        return choose(transport, settings.get(SETTING));
    }

    /**
     * The mode called {@code asked} among {@code transport}'s ({@link #DEFAULT}: its first).
     *
     * @throws IllegalArgumentException in one line naming the valid modes, or the JDK a mode needs
     *                                  when this JVM is older
     */
    public static ServerMode choose(Transport transport, String asked) {
        List<ServerMode> modes = transport.serverModes();
        String wanted = asked.trim();
        for (ServerMode m : modes) {
            if (m.name.equals(wanted) || wanted.equals(DEFAULT) && m == modes.get(0)) {
                int jdk = Runtime.version().feature();
                if (jdk < m.minimumJdk) {
                    throw new IllegalArgumentException(transport.name() + " server mode '" + m.name + "' needs JDK "
                            + m.minimumJdk + " or later (virtual threads); this JVM is JDK " + jdk);
                }
                return m;
            }
        }
        throw new IllegalArgumentException(transport.name() + " has no server mode '" + wanted + "' (valid: "
                + names(transport) + ")");
    }

    /** {@code default (= thread), thread, virtual, selector}: the valid words for {@code transport}. */
    public static String names(Transport transport) {
        List<String> words = new ArrayList<>();
        words.add(DEFAULT + " (= " + transport.serverModes().get(0).name + ")");
        transport.serverModes().forEach(m -> words.add(m.name));
        return String.join(", ", words);
    }

    /** Whether this is {@code transport}'s first mode, the one {@link #DEFAULT} names. */
    public boolean isDefaultOf(Transport transport) {
        return transport.serverModes().get(0).equals(this);
    }
}
