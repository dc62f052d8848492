package rpcbench.load;

import java.util.SplittableRandom;

/**
 * When each call is meant to be sent: evenly spaced at {@code rate} calls per second, or with
 * Poisson arrivals (exponentially distributed gaps of the same mean, seeded, so a run repeats).
 * Times are {@link System#nanoTime()} values; a call's latency is measured from this intended time,
 * whenever it was really sent (as wrk2 and Aeron's load-test rig do), so a stall of the server or
 * of the load generator shows in the latency instead of vanishing from it.
 */
final class Schedule {

    /** How calls arrive. */
    enum Arrival {
        UNIFORM, POISSON
    }

    private final double meanGapNanos;
    private final SplittableRandom random;
    private double next;

    Schedule(double rate, Arrival arrival, long startNanos, long seed) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate " + rate + " is not a positive number of calls per second");
        }
        this.meanGapNanos = 1e9 / rate;
        this.random = arrival == Arrival.POISSON ? new SplittableRandom(seed) : null;
        this.next = startNanos;
    }

    /** The intended send time of the next call; each call advances the schedule by one gap. */
    long next() {
        long at = (long) next;
        next += random == null ? meanGapNanos : -Math.log(1.0 - random.nextDouble()) * meanGapNanos;
        return at;
    }
}
