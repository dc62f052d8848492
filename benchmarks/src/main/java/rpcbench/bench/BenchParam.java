package rpcbench.bench;

import java.util.List;

import rpcbench.api.RpcSettings;

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
    IN_FLIGHT("inFlight", "calls", 1, 4096, List.of("16"), List.of("1", "16"));

    private final String jmhName;
    private final String unit;
    private final long min;
    private final long max; // -1: the largest message (a setting)
    private final List<String> smoke;
    private final List<String> quick;

    BenchParam(String jmhName, String unit, long min, long max, List<String> smoke, List<String> quick) {
        this.jmhName = jmhName;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.smoke = smoke;
        this.quick = quick;
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

    /** Checks one value given with {@code -p}; throws IllegalArgumentException naming the valid range. */
    public long check(String text) {
        long limit = max >= 0 ? max : RpcSettings.maxMessageBytes();
        String valid = min + ".." + limit + " " + unit + (max >= 0 ? "" : " (" + RpcSettings.MAX_MESSAGE_BYTES + ")");
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-p " + jmhName + "=" + text + " is not a number (valid: " + valid + ")");
        }
        if (value < min || value > limit) {
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
