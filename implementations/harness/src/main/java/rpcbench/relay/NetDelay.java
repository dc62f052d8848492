package rpcbench.relay;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import rpcbench.api.Setting;

/**
 * The emulated LAN of a benchmark run: {@link #DELAY} puts a {@link Relay} in each JMH fork
 * between its clients and its server, adding a fixed one-way delay to each direction. It is the
 * fallback for machines whose kernel has no {@code tc netem} (see scripts/lan-emulation.sh).
 */
public final class NetDelay {

    /** -1: no relay. */
    public static final long OFF = -1;
    private static final long MAX_NANOS = 1_000_000_000L;
    private static final Pattern DELAY_TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s)");

    /**
     * One-way delay added each way, in nanoseconds, written e.g. {@code 150us}, {@code 0.15ms},
     * {@code 2ms} (units µs/us, ms, s; at most 1 s). Default: none ({@link #OFF}). {@code 0} or
     * absent: no relay; {@code 0us}: the relay without delay, which shows the relay's own cost.
     */
    public static final Setting<Long> DELAY = Setting.of("rpcbench.net.delay", OFF, "none",
            "a one-way delay of 0..1s: give e.g. 150us, 0.15ms or 2ms (0 or absent: no relay; 0us: the relay"
                    + " without delay)", NetDelay::parseDelay, NetDelay::format,
            "one-way delay added each way by a relay in each JMH fork (emulated LAN, benchmarks only): 150us,"
                    + " 0.15ms, 2ms; 0us the relay alone");

    private NetDelay() {
    }

    /**
     * {@code text} in nanoseconds, or {@link #OFF} for null, blank and {@code 0}.
     *
     * @throws IllegalArgumentException naming the setting and the valid forms
     */
    static long parse(String text) {
        return text == null || text.isBlank() ? OFF : DELAY.parse(text);
    }

    /** Null when {@code text} (trimmed, not blank) is no delay. */
    private static Long parseDelay(String text) {
        if (text.equals("0")) {
            return OFF;
        }
        Matcher m = DELAY_TEXT.matcher(text.toLowerCase(Locale.ROOT));
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
        return null;
    }

    /** What {@link #parseDelay} reads back: {@code 0} for OFF, else microseconds. */
    private static String format(Long nanos) {
        return nanos == OFF ? "0" : BigDecimal.valueOf(nanos).movePointLeft(3).stripTrailingZeros().toPlainString() + "us";
    }

    /** e.g. {@code 150 µs}. */
    public static String describe(long nanos) {
        return String.format(Locale.ROOT, "%s µs", BigDecimal.valueOf(nanos).movePointLeft(3).stripTrailingZeros()
                .toPlainString());
    }
}
