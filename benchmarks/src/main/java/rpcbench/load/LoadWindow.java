package rpcbench.load;

/**
 * Hands the last iteration of an open-loop benchmark from its teardown (outside the timed code) to
 * {@link LoadProfiler} in the same fork: JMH gives profilers no access to benchmark state. Several
 * sender threads (JMH -t N) add their iterations up.
 */
public final class LoadWindow {

    /** An iteration of every sender, and what the benchmark asked for. */
    record Entry(OpenLoop.Iteration iteration, double capacityFound, int senders, int clientCpus) {
    }

    private static Entry last;

    private LoadWindow() {
    }

    /**
     * Adds one sender's iteration; {@code capacityFound} is 0 when the benchmark searched none;
     * {@code clientCpus} is how many CPUs the load generator may use.
     */
    public static synchronized void add(OpenLoop.Iteration iteration, double capacityFound, int clientCpus) {
        if (last == null) {
            last = new Entry(iteration, capacityFound, 1, clientCpus);
            return;
        }
        OpenLoop.Iteration a = last.iteration();
        LatencyRecord.Interval x = a.record();
        LatencyRecord.Interval y = iteration.record();
        x.corrected().add(y.corrected());
        x.uncorrected().add(y.uncorrected());
        x.sendLag().add(y.sendLag());
        LatencyRecord.Interval merged = new LatencyRecord.Interval(x.corrected(), x.uncorrected(), x.sendLag(),
                x.completed() + y.completed(), x.failed() + y.failed(), x.wrong() + y.wrong(),
                x.firstProblem() != null ? x.firstProblem() : y.firstProblem());
        last = new Entry(new OpenLoop.Iteration(a.offeredRate() + iteration.offeredRate(), a.sent() + iteration.sent(),
                Math.max(a.seconds(), iteration.seconds()),
                Math.max(a.answeredWithinSeconds(), iteration.answeredWithinSeconds()), a.lost() + iteration.lost(), merged),
                Math.max(last.capacityFound(), capacityFound), last.senders() + 1, clientCpus);
    }

    /** The entry of the last iteration, or null; taking it clears it. */
    static synchronized Entry take() {
        Entry e = last;
        last = null;
        return e;
    }
}
