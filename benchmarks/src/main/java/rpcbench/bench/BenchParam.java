package rpcbench.bench;

import java.util.List;

import rpcbench.api.MessageCodec;
import rpcbench.api.OrderShape;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.Transports;
import rpcbench.server.ServerGroup;

/**
 * The benchmarks' numeric parameters ({@code -p name=...}), with the values each may take and the
 * values the short profiles use. Their defaults are not here: they are the {@code @Param}
 * annotations of the benchmark classes (JMH needs them there), read back through
 * {@link Workload#defaults()}, so that each default is written once.
 */
public enum BenchParam {

    /** A message's bytes: at most the largest message a transport accepts. */
    SIZE("size", "bytes", 0, -1, List.of("1024"), List.of("1024", "1048576")),
    CHUNK_SIZE("chunkSize", "bytes", 1, -1, List.of("16384"), List.of()),
    FILE_SIZE("fileSize", "bytes", 0, Long.MAX_VALUE / 2, List.of("200000"), List.of()),
    COUNT("count", "values", 0, Integer.MAX_VALUE, List.of(), List.of()),
    IN_FLIGHT("inFlight", "calls", 1, rpcbench.api.AsyncCalls.MOST_IN_FLIGHT, List.of("16"), List.of("1", "16")),
    CONNECTIONS("connections", "connections", 1, 1024, List.of("2"), List.of()),
    /** Calls per second, or a percentage of capacity ("50%", 1..100). */
    RATE("rate", "calls/s", 1, 10_000_000, List.of("200"), List.of("2000")),
    P99_LIMIT_MS("p99LimitMs", "ms", 1, 60_000, List.of(), List.of()),
    /** Microseconds of server CPU work per simple call and echo. */
    WORK("work", "us", 0, ServerWork.MAX_MICROS, List.of(), List.of()),
    /** Server processes sharing the server's port (rpcbench.server.ServerGroup). */
    SERVER_PROCESSES("serverProcesses", "processes", 1, ServerGroup.MAX_PROCESSES, List.of(), List.of()),
    ARRIVAL("arrival", List.of("uniform", "poisson")),
    /** A server mode: any transport's here; whether each transport of a run has it is checked per transport. */
    SERVER_MODE("serverMode", serverModes()),
    /** An order's size (rpcbench.api.OrderShape). */
    SHAPE("shape", OrderShape.names()),
    /** A message codec (rpcbench.api.MessageCodec), or natural: the transport's own (MessageBenchmark). */
    CODEC("codec", naturalOr(MessageCodec.names())),
    PLACEMENT("placement", List.of("separate", "shared", "os")),
    /** Per-call authentication (AuthParam): none, or a bearer token per trial. */
    AUTH("auth", AuthParam.VALUES),
    /** TLS between client and server (ZeroMQ: CURVE), rpcbench.api.tls.Tls. */
    TLS("tls", List.of("false", "true")),
    /** ConnectBenchmark with TLS: a full handshake per connection, or a resumed one. */
    HANDSHAKE("handshake", List.of("full", "resumed"));

    /** The value of {@link #CODEC} that means the transport's natural codec (the first of Transport.codecs()). */
    public static final String NATURAL = "natural";

    /** A percentage of capacity, as {@link #RATE} may be. */
    static final String PERCENT = "%";

    private final String jmhName;
    private final String unit;
    private final long min;
    private final long max; // -1: the largest message (a setting)
    private final List<String> smoke;
    private final List<String> quick;
    private final List<String> choices; // a parameter that is a word, not a number

    BenchParam(String jmhName, String unit, long min, long max, List<String> smoke, List<String> quick) {
        this.jmhName = jmhName;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.smoke = smoke;
        this.quick = quick;
        this.choices = List.of();
    }

    BenchParam(String jmhName, List<String> choices) {
        this.jmhName = jmhName;
        this.unit = "";
        this.min = 0;
        this.max = 0;
        this.smoke = List.of();
        this.quick = List.of();
        this.choices = choices;
    }

    /** {@code default} and every mode of every transport on the class path. */
    private static List<String> serverModes() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        names.add(ServerMode.DEFAULT);
        Transports.all().forEach(t -> t.serverModes().forEach(m -> names.add(m.name())));
        return List.copyOf(names);
    }

    private static List<String> naturalOr(List<String> codecs) {
        List<String> all = new java.util.ArrayList<>(codecs);
        all.add(0, NATURAL);
        return List.copyOf(all);
    }

    /** The name on JMH's command line and in a result's {@code params}. */
    public String jmhName() {
        return jmhName;
    }

    /** Values the smoke profile runs with (empty: the benchmark's default). */
    public List<String> smokeValues() {
        return smoke;
    }

    /** Values the quick profile runs with (empty: the benchmark's default). */
    public List<String> quickValues() {
        return quick;
    }

    /**
     * Checks one value given with {@code -p}; throws IllegalArgumentException naming the valid range
     * or choices. Returns the number (for a percentage, the percentage; for a word, 0).
     */
    public long check(String text) {
        if (!choices.isEmpty()) {
            if (!choices.contains(text.trim())) {
                throw new IllegalArgumentException("-p " + jmhName + "=" + text + " is not one of "
                        + String.join(", ", choices));
            }
            return 0;
        }
        if (this == RATE && text.trim().endsWith(PERCENT)) {
            return checkRange(text.trim().substring(0, text.trim().length() - 1), text, 1, 100, "% of capacity");
        }
        return checkRange(text, text, min, max >= 0 ? max : RpcSettings.current().maxMessageBytes(), null);
    }

    private long checkRange(String number, String text, long low, long limit, String unitOverride) {
        String valid = unitOverride != null ? low + ".." + limit + unitOverride
                : low + ".." + limit + " " + unit + (max >= 0 ? "" : " (" + RpcSettings.MAX_MESSAGE_BYTES + ")");
        long value;
        try {
            value = Long.parseLong(number.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-p " + jmhName + "=" + text + " is not a number (valid: " + valid
                    + (this == RATE ? ", or 1..100% of capacity" : "") + ")");
        }
        if (value < low || value > limit) {
            throw new IllegalArgumentException("-p " + jmhName + "=" + text + " is outside " + valid);
        }
        return value;
    }

    /** The parameter called {@code jmhName}, or null for one that is not numeric ({@code transport}). */
    public static BenchParam byName(String jmhName) {
        for (BenchParam p : values()) {
            if (p.jmhName.equals(jmhName)) {
                return p;
            }
        }
        return null;
    }
}
