package rpcbench.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import rpcbench.api.tls.Tls;

/**
 * Every {@code rpcbench.*} setting of one run, as one immutable object: read from this JVM's system
 * properties once ({@link #current()}), or built in code from {@link #defaults()} with
 * {@link #with}. Clients and servers are handed one ({@link Transport#newClient(RpcSettings)}) and
 * take what they need from it when they are made; nothing reads a system property while a call runs.
 * {@link #jvmFlags()} is how a run's settings reach its JMH forks and server processes.
 *
 * <p>The settings every transport shares are constants here; a transport's own are constants of its
 * module, listed by {@link Transport#settings()}.
 */
public final class RpcSettings {

    /** Every setting's system property starts with this. */
    public static final String PREFIX = "rpcbench.";

    /** Milliseconds a call may wait for its answer, or a stream for its next value. Default 10000. */
    public static final Setting<Integer> CALL_TIMEOUT_MS = Setting.positiveInt("rpcbench.call.timeout.ms", 10_000,
            "a call, or the next value of a stream, fails after this long");

    /**
     * Largest message in bytes that a client or server accepts; larger ones are refused without
     * buffering them. Default 16777216 (16 MiB): the 10 MB benchmark payload plus headroom for framing.
     */
    public static final Setting<Integer> MAX_MESSAGE_BYTES = Setting.positiveInt("rpcbench.max.message.bytes",
            16 * 1024 * 1024, "largest message accepted by clients and servers");

    /**
     * Milliseconds a server keeps a connection on which nothing arrives (an idle or half-open
     * client, or one stuck half-way through a message) before closing it, so that slow or
     * vanished clients cannot pin its threads or memory. Default 120000: longer than any pause
     * inside a benchmark trial.
     */
    public static final Setting<Integer> IDLE_TIMEOUT_MS = Setting.positiveInt("rpcbench.idle.timeout.ms", 120_000,
            "a server closes a connection that sends nothing, or stalls inside a message, for this long");

    /** The settings of this class, the servers' bounds ({@link ServerLimits}), then how servers run their handlers, then TLS. */
    public static final List<Setting<?>> COMMON = List.of(CALL_TIMEOUT_MS, MAX_MESSAGE_BYTES, IDLE_TIMEOUT_MS,
            ServerLimits.BUFFER_BUDGET_BYTES, ServerLimits.STREAMS_PER_CONNECTION, ServerLimits.SERVER_THREADS,
            ServerMode.SETTING, ServerWork.MICROS, SharedPort.SETTING, CallAuth.TOKEN, Tls.ENABLED, Tls.TRUST, Tls.RESUME);

    private static final RpcSettings DEFAULTS = new RpcSettings(Map.of(), Map.of());
    private static volatile RpcSettings current;

    /** Explicitly set values as text, by property name (what {@link #jvmFlags()} forwards). */
    private final Map<String, String> text;
    /** Values given by {@link #with}, by property name; the text above says the same. */
    private final Map<String, Object> values;
    /** Read once in the constructor: clients read them often. */
    private final int callTimeoutMillis;
    private final int maxMessageBytes;

    private RpcSettings(Map<String, String> text, Map<String, Object> values) {
        this.text = Collections.unmodifiableMap(new TreeMap<>(text));
        this.values = Map.copyOf(values);
        this.callTimeoutMillis = get(CALL_TIMEOUT_MS);
        this.maxMessageBytes = get(MAX_MESSAGE_BYTES);
    }

    /**
     * This JVM's settings: its {@code rpcbench.*} system properties, read at the first call and never
     * again (a property set later changes nothing).
     *
     * @throws IllegalArgumentException when a common setting is malformed
     */
    public static RpcSettings current() {
        RpcSettings settings = current;
        if (settings == null) {
            synchronized (RpcSettings.class) {
                settings = current;
                if (settings == null) {
                    settings = of(System.getProperties());
                    current = settings;
                }
            }
        }
        return settings;
    }

    /** Every setting at its default. */
    public static RpcSettings defaults() {
        return DEFAULTS;
    }

    /** The {@code rpcbench.*} entries of {@code properties} (others are ignored). */
    public static RpcSettings of(Properties properties) {
        Map<String, String> found = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            found.put(name, properties.getProperty(name));
        }
        return of(found);
    }

    /** The {@code rpcbench.*} entries of {@code properties} (others are ignored). */
    public static RpcSettings of(Map<String, String> properties) {
        Map<String, String> found = new HashMap<>();
        properties.forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                found.put(name, value);
            }
        });
        return new RpcSettings(found, Map.of());
    }

    /** A copy with {@code setting} set to {@code value}. */
    public <T> RpcSettings with(Setting<T> setting, T value) {
        Map<String, String> newText = new HashMap<>(text);
        Map<String, Object> newValues = new HashMap<>(values);
        newText.put(setting.name(), setting.format(value));
        newValues.put(setting.name(), value);
        return new RpcSettings(newText, newValues);
    }

    /**
     * The value of {@code setting}: as set, or its default.
     *
     * @throws IllegalArgumentException when its text is malformed, naming the property and what is valid
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object value = values.get(setting.name());
        if (value != null) {
            return (T) value;
        }
        String given = text.get(setting.name());
        return given == null ? setting.defaultValue() : setting.parse(given);
    }

    /** Whether {@code setting} was set explicitly (to any value, its default included). */
    public boolean isSet(Setting<?> setting) {
        return text.containsKey(setting.name());
    }

    /** {@link #CALL_TIMEOUT_MS}. */
    public int callTimeoutMillis() {
        return callTimeoutMillis;
    }

    /** {@link #MAX_MESSAGE_BYTES}. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** {@link #IDLE_TIMEOUT_MS}. */
    public int idleTimeoutMillis() {
        return get(IDLE_TIMEOUT_MS);
    }

    /** Why a call timed out, for its message: {@code no answer within 10000 ms (rpcbench.call.timeout.ms)}. */
    public String noAnswerWithinTimeout() {
        return "no answer within " + callTimeoutMillis + " ms (" + CALL_TIMEOUT_MS.name() + ")";
    }

    /**
     * Every explicitly set value as a {@code -Dname=value} flag, sorted by name: how a run hands its
     * settings to the JVMs it starts (JMH forks, server processes), so that they agree with it.
     */
    public List<String> jvmFlags() {
        return jvmFlagsExcept(null);
    }

    /**
     * {@link #jvmFlags()} less the settings whose names start with {@code namespace}: those of the
     * launcher itself, which mean nothing to the process it starts (null: none left out).
     */
    public List<String> jvmFlagsExcept(String namespace) {
        List<String> flags = new ArrayList<>();
        text.forEach((name, value) -> {
            if (namespace == null || !name.startsWith(namespace)) {
                flags.add("-D" + name + "=" + value);
            }
        });
        return flags;
    }

    /**
     * The effective configuration, one line per known setting: {@code name = value}, with
     * {@code (default)} where it was not set.
     */
    public List<String> describe(Collection<Setting<?>> known) {
        List<String> lines = new ArrayList<>();
        for (Setting<?> s : known) {
            lines.add(isSet(s) ? s.name() + " = " + s.shown(text.get(s.name())) : s.name() + " = " + s.defaultText() + " (default)");
        }
        return lines;
    }

    /**
     * Refuses a setting nobody knows (a typo would otherwise be ignored silently) and a known one
     * whose value is malformed, each in one line naming it and what is valid.
     *
     * @throws IllegalArgumentException on the first problem found
     */
    public void checkKnown(Collection<Setting<?>> known) {
        Map<String, Setting<?>> byName = new TreeMap<>();
        known.forEach(s -> byName.put(s.name(), s));
        Set<String> unknown = new TreeSet<>(text.keySet());
        unknown.removeAll(byName.keySet());
        if (!unknown.isEmpty()) {
            String name = unknown.iterator().next();
            throw new IllegalArgumentException("unknown setting -D" + name + " (valid: "
                    + String.join(", ", byName.keySet()) + ")");
        }
        text.keySet().forEach(name -> get(byName.get(name)));
    }

    /**
     * A size the caller asked for, checked before anything is sent: {@code size} must lie in
     * {@code min .. maxMessageBytes()}.
     *
     * @throws IllegalArgumentException naming the limit and its property
     */
    public void checkMessageSize(String what, long size, long min) {
        if (size < min || size > maxMessageBytes) {
            throw new IllegalArgumentException(what + " " + size + " is outside " + min + ".." + maxMessageBytes
                    + " bytes (" + MAX_MESSAGE_BYTES.name() + ")");
        }
    }

    /** Checks the arguments of a chunked download; see {@link RpcImplementation#downloadStream}. */
    public void checkTransfer(long totalBytes, int chunkSize) {
        if (totalBytes < 0) {
            throw new IllegalArgumentException("transfer size " + totalBytes + " is negative");
        }
        checkMessageSize("chunk size", chunkSize, 1);
    }

    /**
     * A message the client is about to send, refused before anything is sent (the connection stays
     * usable) when it is larger than {@link #maxMessageBytes()}.
     *
     * @throws RpcException naming the transport, the call, the limit and its property
     */
    public void checkSendable(String transport, String call, int size) {
        if (size > maxMessageBytes) {
            throw new RpcException(transport + ": " + call + " of " + size + " bytes refused: above the maximum of "
                    + maxMessageBytes + " bytes (" + MAX_MESSAGE_BYTES.name() + "=" + maxMessageBytes + ")");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RpcSettings s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(text);
        shown.computeIfPresent(CallAuth.TOKEN.name(), (name, value) -> CallAuth.TOKEN.shown(value));
        return "RpcSettings" + shown;
    }
}
