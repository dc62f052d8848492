package rpcbench.api;

/**
 * CPU work a server does in each simple call and echo before it answers ({@link #MICROS}), the same
 * loop for every transport, so that a benchmark can ask how a transport behaves when its handlers
 * are not free: a real service computes something, and a framework that runs handlers on its I/O
 * thread behaves differently from one that hands them to a pool once they take time.
 *
 * <p>The loop is busy computation, never a sleep: a sleeping handler frees its CPU and would
 * favour servers with more threads than cores. It is calibrated once per JVM, at the server's
 * start, against {@link System#nanoTime()} (the fastest of several timed rounds after a warm-up that
 * lets the JIT compile it, so a descheduled round does not count), so that {@code work=100} costs
 * about 100 µs of one core. Its result feeds a branch the JIT cannot prove dead, so it cannot be
 * optimised away.
 */
public final class ServerWork {

    /** The most work a call may be given: one second. */
    public static final int MAX_MICROS = 1_000_000;

    /**
     * Microseconds of CPU work in each server simple call and echo. Default 0: none, and nothing is
     * calibrated (a server without work starts and answers exactly as before this setting existed).
     */
    public static final Setting<Integer> MICROS = Setting.of("rpcbench.work.us", 0, "0",
            "a whole number of microseconds from 0 to " + MAX_MICROS, text -> {
                int value = Integer.parseInt(text);
                return value >= 0 && value <= MAX_MICROS ? value : null;
            }, String::valueOf, "µs of calibrated CPU work in each server simpleCall and echo (the benchmarks'"
                    + " -p work); 0: none");

    private static final ServerWork NONE = new ServerWork(0);

    /** Written only when the loop returns 0, which it never does; read by nobody. */
    @SuppressWarnings("unused")
    private static volatile long sink;

    private final long iterations;

    private ServerWork(long iterations) {
        this.iterations = iterations;
    }

    /** The work {@code settings} ask for; the first one with work calibrates the loop (tens of ms). */
    public static ServerWork of(RpcSettings settings) {
        int micros = settings.get(MICROS);
        return micros == 0 ? NONE : new ServerWork(Math.max(1, Math.round(Calibration.ITERATIONS_PER_NANO * micros * 1000)));
    }

    /** Iterations of the loop one call runs (0: no work). */
    public long iterations() {
        return iterations;
    }

    /** One line for the server's log: the work per call and what the calibration found. */
    public String describe() {
        return iterations == 0 ? "no work per call" : String.format(java.util.Locale.ROOT,
                "%d loop iterations of CPU work per simpleCall and echo (calibrated: %.0f per µs)", iterations,
                Calibration.ITERATIONS_PER_NANO * 1000);
    }

    /** Does one call's work on the calling thread. */
    public void perform() {
        if (iterations > 0 && spin(iterations, System.nanoTime() | 1) == 0) {
            sink = 0; // never: xorshift maps a non-zero state to a non-zero state
        }
    }

    /**
     * Marsaglia's xorshift64, {@code iterations} times from {@code seed}: a chain of dependent
     * shifts and xors that no compiler can shorten into a formula.
     */
    static long spin(long iterations, long seed) {
        long x = seed;
        for (long i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** Iterations of {@link #spin} per nanosecond on this machine, measured once per JVM when first asked. */
    static final class Calibration {

        static final double ITERATIONS_PER_NANO = measure();

        private static final long ROUND = 200_000;
        private static final long WARMUP_NANOS = 100_000_000;
        private static final int TIMED_ROUNDS = 30;

        private Calibration() {
        }

        private static double measure() {
            long seed = System.nanoTime() | 1;
            long start = System.nanoTime();
            while (System.nanoTime() - start < WARMUP_NANOS) { // time enough for C2 to compile spin
                seed = spin(ROUND, seed);
            }
            long fastest = Long.MAX_VALUE;
            for (int i = 0; i < TIMED_ROUNDS; i++) {
                long t0 = System.nanoTime();
                seed = spin(ROUND, seed);
                fastest = Math.min(fastest, Math.max(1, System.nanoTime() - t0));
            }
            if (seed == 0) {
                sink = seed;
            }
            return (double) ROUND / fastest;
        }
    }
}
