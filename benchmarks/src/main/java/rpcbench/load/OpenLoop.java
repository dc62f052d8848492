package rpcbench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transport;

/**
 * One open-loop load generator: a schedule of intended send times at a given rate, spread round
 * robin over a fixed set of connections, and a {@link CallDriver} that sends each call on time
 * without waiting for earlier answers. The JMH benchmark thread is the sender: each benchmark
 * operation waits for the next intended time and starts that call. An iteration's calls are
 * drained and their record taken at its end ({@link #finish()}), outside the timed code.
 */
public final class OpenLoop implements AutoCloseable {

    private final CallDriver driver;
    private final LatencyRecord record;
    private final Outstanding outstanding;
    private final int connections;
    private final Schedule.Arrival arrival;
    private final long timeoutMillis;
    private Schedule schedule;
    private double rate;
    private long startNanos;
    private long sent;
    private int nextConnection;
    private int nextValue;

    private OpenLoop(CallDriver driver, LatencyRecord record, Outstanding outstanding, int connections,
            Schedule.Arrival arrival, long timeoutMillis) {
        this.driver = driver;
        this.record = record;
        this.outstanding = outstanding;
        this.connections = connections;
        this.arrival = arrival;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Connects {@code connections} clients of {@code transport} to {@code server} (each set up with
     * one real round trip) and the driver that suits the transport: its asynchronous client when it
     * has one, caller threads otherwise.
     *
     * @param maxInFlight bound on calls in flight across all connections
     */
    public static OpenLoop open(Transport transport, Endpoint server, int connections, String arrival,
            int maxInFlight, long timeoutMillis) throws IOException {
        return open(transport, RpcSettings.current(), server, connections, arrival, maxInFlight, timeoutMillis);
    }

    /** {@link #open(Transport, Endpoint, int, String, int, long)} with clients made with {@code settings}. */
    public static OpenLoop open(Transport transport, RpcSettings settings, Endpoint server, int connections,
            String arrival, int maxInFlight, long timeoutMillis) throws IOException {
        Schedule.Arrival how = parseArrival(arrival);
        CallDriver.Connector<RpcImplementation> connector = () -> transport.connect(settings, server);
        LatencyRecord record = new LatencyRecord();
        Outstanding outstanding = new Outstanding(maxInFlight);
        CallDriver driver;
        if (transport.whyNoAsyncCalls() == null) {
            driver = new PoolDriver(transport.connectPool(settings, server, connections), record, outstanding,
                    timeoutMillis);
        } else {
            List<RpcImplementation> clients = new ArrayList<>();
            try {
                for (int i = 0; i < connections; i++) {
                    clients.add(connector.connect());
                }
            } catch (IOException | RuntimeException e) {
                clients.forEach(RpcImplementation::teardown);
                throw e;
            }
            driver = new BlockingDriver(clients, connector, record, outstanding, timeoutMillis);
        }
        return new OpenLoop(driver, record, outstanding, connections, how, timeoutMillis);
    }

    static Schedule.Arrival parseArrival(String text) {
        for (Schedule.Arrival a : Schedule.Arrival.values()) {
            if (a.name().equalsIgnoreCase(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException("arrival '" + text + "' is not one of uniform, poisson");
    }

    /** Starts an iteration's schedule at {@code callsPerSecond}, from now. */
    public void start(double callsPerSecond) {
        rate = callsPerSecond;
        startNanos = System.nanoTime();
        schedule = new Schedule(callsPerSecond, arrival, startNanos, startNanos);
        sent = 0;
        record.take(); // nothing from between iterations belongs to this one
    }

    /** Waits for the next intended send time, then starts that call: one benchmark operation. */
    public void sendNext() {
        long intended = schedule.next();
        driver.waitUntil(intended);
        int connection = nextConnection;
        nextConnection = connection + 1 == connections ? 0 : connection + 1;
        driver.send(connection, nextValue++, intended);
        sent++;
    }

    /** Ends the iteration: waits for its calls (bounded by the call timeout) and returns what they did. */
    public Iteration finish() throws InterruptedException {
        long scheduleEnd = System.nanoTime();
        double seconds = (scheduleEnd - startNanos) / 1e9;
        int lost = outstanding.awaitIdle(timeoutMillis + 1000, driver::waitUntil);
        // Until the last answer: a server that falls behind leaves a backlog, which takes this long.
        double answeredWithin = (System.nanoTime() - startNanos) / 1e9;
        LatencyRecord.Interval interval = record.take();
        return new Iteration(rate, sent, seconds, answeredWithin, lost, interval);
    }

    /** The load side's model, for the log. */
    public String describe() {
        return driver.describe() + "; " + arrival.name().toLowerCase() + " arrivals; at most "
                + outstanding.limit() + " calls in flight";
    }

    @Override
    public void close() {
        driver.close();
    }

    /**
     * One iteration: the rate offered, calls sent, how long the schedule ran and how long until its
     * last call was answered, calls still unanswered after the drain (lost), and the record of the
     * answered and failed ones.
     */
    public record Iteration(double offeredRate, long sent, double seconds, double answeredWithinSeconds, int lost,
                            LatencyRecord.Interval record) {

        /**
         * Calls answered correctly per second, from the schedule's start to the last answer: a server
         * that kept up answers its last call a round trip after the schedule ends; one that fell
         * behind leaves a backlog that takes longer, and its rate comes out lower.
         */
        public double achievedRate() {
            return (record.completed() - record.wrong()) / Math.max(seconds, answeredWithinSeconds);
        }

        public long failedCalls() {
            return record.failed() + lost + record.wrong();
        }

        /** The corrected p99 latency in nanoseconds (0 when nothing was answered). */
        public long p99Nanos() {
            return record.corrected().getValueAtPercentile(99);
        }

        /** Calls answered with a wrong value. */
        public long wrongAnswers() {
            return record.wrong();
        }

        /** The first failed or wrong call, described; null when none. */
        public String firstProblem() {
            return record.firstProblem();
        }

        /**
         * Did the server keep up? Nearly every scheduled call sent and answered correctly, none
         * failed, and the corrected p99 within {@code p99LimitNanos}.
         */
        public boolean sustained(long p99LimitNanos, double tolerance) {
            return failedCalls() == 0 && achievedRate() >= (1 - tolerance) * offeredRate
                    && p99Nanos() <= p99LimitNanos;
        }
    }
}
