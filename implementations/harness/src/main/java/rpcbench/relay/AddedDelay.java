package rpcbench.relay;

import java.util.Locale;

/**
 * The delay a relay really added to the chunks of one direction (all connections together): from
 * a chunk's arrival to the start of its write. Kept as a 1 µs histogram of the excess over the
 * asked delay, up to {@link #RANGE_MICROS}, so the median costs no list of samples; the mean is
 * exact.
 */
public final class AddedDelay {

    private static final int RANGE_MICROS = 20_000;

    private final long askedNanos;
    /** Chunks by whole µs above the asked delay; the last slot holds every chunk beyond the range. */
    private final long[] excess = new long[RANGE_MICROS + 1];
    private long count;
    private long sumNanos;

    AddedDelay(long askedNanos) {
        this.askedNanos = askedNanos;
    }

    synchronized void record(long addedNanos) {
        long over = Math.max(0, addedNanos - askedNanos) / 1000;
        excess[(int) Math.min(over, RANGE_MICROS)]++;
        count++;
        sumNanos += addedNanos;
    }

    public synchronized long chunks() {
        return count;
    }

    /** Mean added delay in µs; NaN before the first chunk. */
    public synchronized double meanMicros() {
        return count == 0 ? Double.NaN : sumNanos / 1000.0 / count;
    }

    /**
     * Median added delay in µs (1 µs resolution); NaN before the first chunk, infinite when more
     * than half the chunks waited longer than {@link #RANGE_MICROS} µs beyond the asked delay.
     */
    public synchronized double p50Micros() {
        if (count == 0) {
            return Double.NaN;
        }
        long seen = 0;
        for (int us = 0; us < RANGE_MICROS; us++) {
            seen += excess[us];
            if (2 * seen >= count) {
                return askedNanos / 1000.0 + us;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** e.g. {@code p50 212 µs, mean 230.4 µs over 1234 chunks}. */
    @Override
    public synchronized String toString() {
        return String.format(Locale.ROOT, "p50 %.0f µs, mean %.1f µs over %d chunks", p50Micros(), meanMicros(),
                count);
    }
}
