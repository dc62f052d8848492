package rpcbench.load;

/**
 * Finds the highest rate a server sustains, one warm-up iteration per step: first
 * {@code jitSteps} steps at {@code startRate} that only warm up both JVMs (a cold gRPC client
 * misses a 10 ms p99 at rates it sustains easily once compiled), then the rate doubles while each
 * step is sustained ({@link OpenLoop.Iteration#sustained}), then the interval between the last
 * sustained and the first failed rate is halved at each step. The measurement iterations then run
 * at the highest sustained rate (or a fraction of it). More warm-up iterations give a finer
 * answer; a step whose calls fail is simply a failed step.
 */
public final class CapacitySearch {

    private final long p99LimitNanos;
    private final double tolerance;
    private int jitStepsLeft;
    private double rate;
    private double sustained; // highest sustained rate so far, 0 for none
    private double failed = Double.POSITIVE_INFINITY; // lowest failed rate so far

    public CapacitySearch(double startRate, int jitSteps, long p99LimitNanos, double tolerance) {
        this.rate = startRate;
        this.jitStepsLeft = jitSteps;
        this.p99LimitNanos = p99LimitNanos;
        this.tolerance = tolerance;
    }

    /** The rate of the next step. */
    public double rate() {
        return rate;
    }

    /** Takes one step's outcome and chooses the next rate. */
    public void observe(OpenLoop.Iteration step) {
        if (jitStepsLeft > 0) {
            jitStepsLeft--;
            return; // a warm-up step: its outcome says nothing about capacity
        }
        if (step.sustained(p99LimitNanos, tolerance)) {
            sustained = Math.max(sustained, step.offeredRate());
        } else {
            failed = Math.min(failed, step.offeredRate());
        }
        rate = Double.isInfinite(failed) ? sustained * 2 : (sustained + failed) / 2;
    }

    /** The highest rate sustained so far; 0 when none was. */
    public double capacity() {
        return sustained;
    }
}
