package rpcbench.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;

import rpcbench.server.ServerGroup;
import rpcbench.server.ServerStats;

/**
 * What one measurement iteration cost both processes: the server's figures come from its
 * {@code STATS} answer, the client's (this JMH fork) from the JDK's management beans, so it works
 * on every OS. {@link ServerFixture} opens and closes the window around each iteration, outside
 * the timed code; {@link CostProfiler} turns the last window into per-operation results.
 */
final class CostMeter {

    /** One moment of both processes; {@code server} is null for a server that is not ours to ask. */
    record Sample(long clientCpuNanos, long clientAllocatedBytes, ServerStats server) {
    }

    /** The last closed window, read by the profiler in the same fork after the iteration. */
    record Window(Sample start, Sample end, long failedCalls) {
    }

    private static volatile Window last;
    private static final LongAdder FAILED_CALLS = new LongAdder();

    private CostMeter() {
    }

    /** Samples this fork and {@code server}, or this fork only when {@code server} is null. */
    static Sample sample(ServerGroup server) throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Sample(os.getProcessCpuTime(), allocatedBytes(), server == null ? null : server.stats());
    }

    static void close(Sample start, Sample end) {
        last = new Window(start, end, FAILED_CALLS.sumThenReset());
    }

    /** Counts a call that failed; benchmarks that count failures instead of stopping call this. */
    static void failedCall() {
        FAILED_CALLS.increment();
    }

    /** Counts {@code n} calls that failed (the open-loop benchmarks count theirs per iteration). */
    static void failedCalls(long n) {
        FAILED_CALLS.add(n);
    }

    /** Resets the failure count at the start of a window. */
    static void open() {
        FAILED_CALLS.reset();
    }

    /** The last window, or null when none was closed since the last call. */
    static Window take() {
        Window w = last;
        last = null;
        return w;
    }

    /** Bytes allocated so far by the live threads of this JVM (HotSpot's per-thread counters). */
    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }
}
