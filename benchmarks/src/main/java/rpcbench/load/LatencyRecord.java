package rpcbench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the calls of one iteration did, recorded from any thread while they complete: latency from
 * the intended send time (corrected for coordinated omission) and from the real send time
 * (uncorrected), both into HdrHistogram recorders; completed, failed and wrong calls; and the
 * first problem seen. The sender records its own lateness (real minus intended send time).
 */
final class LatencyRecord {

    /** Longest latency recorded exactly; longer ones are clamped (and are failures anyway). */
    static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Recorder corrected = new Recorder(MAX_NANOS, 3);
    private final Recorder uncorrected = new Recorder(MAX_NANOS, 3);
    private final Histogram sendLag = new Histogram(MAX_NANOS, 3); // the sender's thread only
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder wrong = new LongAdder();
    private final AtomicReference<String> firstProblem = new AtomicReference<>();

    /** One answered call: checked, and its two latencies recorded. */
    void answered(int value, int answer, long intendedNanos, long sentNanos, long doneNanos) {
        if (answer != value + 1) {
            wrong.increment();
            firstProblem.compareAndSet(null, "simpleCall(" + value + ") returned " + answer);
        }
        corrected.recordValue(Math.min(MAX_NANOS, Math.max(0, doneNanos - intendedNanos)));
        uncorrected.recordValue(Math.min(MAX_NANOS, Math.max(0, doneNanos - sentNanos)));
        completed.increment();
    }

    /** A call that failed (timeout, lost connection): counted, not timed. */
    void failed(String why) {
        failed.increment();
        firstProblem.compareAndSet(null, why);
    }

    /** Called by the sender only. */
    void sent(long intendedNanos, long sentNanos) {
        sendLag.recordValue(Math.min(MAX_NANOS, Math.max(0, sentNanos - intendedNanos)));
    }

    /** What was recorded since the last call, and a fresh start. */
    Interval take() {
        Histogram lag = sendLag.copy();
        sendLag.reset();
        String problem = firstProblem.getAndSet(null);
        return new Interval(corrected.getIntervalHistogram(), uncorrected.getIntervalHistogram(), lag,
                completed.sumThenReset(), failed.sumThenReset(), wrong.sumThenReset(), problem);
    }

    /** One iteration's record. */
    record Interval(Histogram corrected, Histogram uncorrected, Histogram sendLag, long completed, long failed,
                    long wrong, String firstProblem) {
    }
}
