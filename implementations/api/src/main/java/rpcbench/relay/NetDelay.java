package rpcbench.relay;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated LAN of a benchmark run: {@link #PROPERTY} puts a {@link Relay} in each JMH fork
 * between its clients and its server, adding a fixed one-way delay to each direction. It is the
 * fallback for machines whose kernel has no {@code tc netem} (see scripts/lan-emulation.sh).
 */
public final class NetDelay {

    /**
     * One-way delay added each way, e.g. {@code 150us}, {@code 0.15ms}, {@code 2ms} (units µs/us,
     * ms, s; at most 1 s). Default: none. {@code 0} or absent: no relay; {@code 0us}: the relay
     * without delay, which shows the relay's own cost.
     */
    public static final String PROPERTY = "rpcbench.net.delay";
    /** -1: no relay. */
    public static final long OFF = -1;
    private static final long MAX_NANOS = 1_000_000_000L;
    private static final Pattern DELAY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s)");

    private NetDelay() {
    }

    /** This JVM's setting in nanoseconds, or {@link #OFF}; throws IllegalArgumentException on a bad value. */
    public static long nanos() {
        return parse(System.getProperty(PROPERTY));
    }

    /** {@code text} in nanoseconds, or {@link #OFF} for null, blank and {@code 0}. */
    static long parse(String text) {
        if (text == null || text.isBlank() || text.trim().equals("0")) {
            return OFF;
        }
        Matcher m = DELAY.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            int scale = switch (m.group(2)) {
                case "s" -> 9;
                case "ms" -> 6;
                default -> 3;
            };
            BigDecimal nanos = new BigDecimal(m.group(1)).movePointRight(scale);
            if (nanos.compareTo(BigDecimal.valueOf(MAX_NANOS)) <= 0 && nanos.stripTrailingZeros().scale() <= 0) {
                return nanos.longValue();
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + text + " is not a one-way delay of 0..1s: give"
                + " e.g. 150us, 0.15ms or 2ms (0 or absent: no relay; 0us: the relay without delay)");
    }

    /** e.g. {@code 150 µs}. */
    public static String describe(long nanos) {
        return String.format(Locale.ROOT, "%s µs", BigDecimal.valueOf(nanos).movePointLeft(3).stripTrailingZeros()
                .toPlainString());
    }
}
