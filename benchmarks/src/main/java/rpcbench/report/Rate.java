package rpcbench.report;

/**
 * What a time per operation means as a rate, where the parameters say how much one operation
 * moves: {@code size} or {@code fileSize} bytes as MB/s (10^6 bytes; an echo moves its payload both
 * ways, so 2 x size, as the README defines it), or {@code count} stream values as values/s.
 */
record Rate(String unit, double value) {

    static final String MB_PER_S = "MB/s";
    static final String VALUES_PER_S = "values/s";
    private static final String ECHO = "PayloadBenchmark.echo";

    /** The rate of a record, or null when its parameters or unit give none. */
    static Rate of(JmhRecord r) {
        double seconds = Numbers.secondsPerOp(r.primary());
        if (!Double.isFinite(seconds) || seconds <= 0) {
            return null;
        }
        String bytes = r.params().getOrDefault("size", r.params().get("fileSize"));
        if (bytes != null && isNumber(bytes)) {
            double ways = r.shortName().equals(ECHO) ? 2 : 1;
            return new Rate(MB_PER_S, ways * Double.parseDouble(bytes) / seconds / 1e6);
        }
        String count = r.params().get("count");
        if (count != null && isNumber(count)) {
            return new Rate(VALUES_PER_S, Double.parseDouble(count) / seconds);
        }
        return null;
    }

    private static boolean isNumber(String s) {
        return s.matches("\\d+(\\.\\d+)?");
    }
}
