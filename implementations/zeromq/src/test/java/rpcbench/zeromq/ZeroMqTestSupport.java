package rpcbench.zeromq;

import java.util.function.IntConsumer;

/** Small helpers of {@link ZeroMqBehaviourTest}. */
final class ZeroMqTestSupport {

    private ZeroMqTestSupport() {
    }

    /** Live JeroMQ context threads in this JVM (each context runs iothread-N and reaper-N). */
    static long jeroMqThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("iothread-") || t.getName().startsWith("reaper-"))
                .count();
    }

    /**
     * Waits, at most {@code maxMillis}, until no more than {@code expected} JeroMQ threads are
     * alive (a terminated context's threads finish their last loop after term() returns).
     */
    static long awaitJeroMqThreads(long expected, long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        long count = jeroMqThreads();
        while (count > expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            count = jeroMqThreads();
        }
        return count;
    }

    /** Counts values, checks that each is the one after the previous, and pauses now and then. */
    static final class OrderedCount implements IntConsumer {
        private final int pauseEvery;
        private final long pauseMillis;
        private long received;
        private long outOfOrder;

        OrderedCount(int pauseEvery, long pauseMillis) {
            this.pauseEvery = pauseEvery;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public void accept(int value) {
            if (value != received) {
                outOfOrder++;
            }
            received++;
            if (received % pauseEvery == 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }

        long received() {
            return received;
        }

        long outOfOrder() {
            return outOfOrder;
        }

        @Override
        public String toString() {
            return received + " received, " + outOfOrder + " out of order";
        }
    }
}
