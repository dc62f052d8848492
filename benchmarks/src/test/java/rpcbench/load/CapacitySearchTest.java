package rpcbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The capacity search against a simulated server that sustains exactly {@code CAPACITY} calls/s. */
class CapacitySearchTest {

    private static final double CAPACITY = 37_000;
    private static final long LIMIT = TimeUnit.MILLISECONDS.toNanos(10);

    @Test
    void warmUpStepsThenDoublingThenHalvingEndsWithinTwoPercentBelowTheCapacity() {
        CapacitySearch search = new CapacitySearch(1000, 6, LIMIT, 0.03);
        for (int step = 0; step < 20; step++) {
            double rate = search.rate();
            if (step < 6) {
                assertEquals(1000, rate, "warm-up steps stay at the start rate");
            }
            // Cold steps fail whatever the rate: they must not count.
            search.observe(step(rate, step < 6 || rate > CAPACITY));
        }
        assertTrue(search.capacity() <= CAPACITY && search.capacity() >= 0.98 * CAPACITY,
                "found " + search.capacity());
    }

    @Test
    void aServerThatSustainsNothingHasNoCapacity() {
        CapacitySearch search = new CapacitySearch(1000, 0, LIMIT, 0.03);
        for (int step = 0; step < 10; step++) {
            search.observe(step(search.rate(), true));
        }
        assertEquals(0, search.capacity());
        assertTrue(search.rate() < 10, "the search keeps halving: " + search.rate());
    }

    @Test
    void failedCallsOrALateP99MakeAStepUnsustained() {
        OpenLoop.Iteration ok = step(5000, false);
        assertTrue(ok.sustained(LIMIT, 0.03));
        assertTrue(!step(5000, true).sustained(LIMIT, 0.03));
        LatencyRecord.Interval r = ok.record();
        OpenLoop.Iteration oneFailed = new OpenLoop.Iteration(5000, 5000, 1.0, 1.0, 1, r);
        assertTrue(!oneFailed.sustained(LIMIT, 0.03), "a lost call");
        OpenLoop.Iteration backlog = new OpenLoop.Iteration(5000, 5000, 1.0, 1.1, 0, r);
        assertTrue(!backlog.sustained(LIMIT, 0.03), "the last answer 100 ms after the schedule: a backlog");
    }

    /** One second at {@code rate}: all answered in 100 us, or (overloaded) 10% answered late. */
    private static OpenLoop.Iteration step(double rate, boolean overloaded) {
        Histogram latency = new Histogram(LatencyRecord.MAX_NANOS, 3);
        long calls = (long) rate;
        long answered = overloaded ? calls * 9 / 10 : calls;
        latency.recordValueWithCount(TimeUnit.MICROSECONDS.toNanos(100), answered);
        if (overloaded) {
            latency.recordValueWithCount(TimeUnit.MILLISECONDS.toNanos(50), calls / 10);
        }
        LatencyRecord.Interval record = new LatencyRecord.Interval(latency, latency.copy(),
                new Histogram(LatencyRecord.MAX_NANOS, 3), answered, 0, 0, null);
        return new OpenLoop.Iteration(rate, calls, 1.0, overloaded ? 1.05 : 1.0, 0, record);
    }
}
