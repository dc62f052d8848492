package rpcbench.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import rpcbench.api.RpcSettings;
import rpcbench.orchestration.CpuPinning;
import rpcbench.load.CapacitySearch;
import rpcbench.load.LoadWindow;
import rpcbench.load.OpenLoop;

/**
 * What the open-loop benchmarks share. One JMH thread is the load generator: each operation waits
 * for the next intended send time of a fixed-rate schedule and starts that call over one of
 * {@code connections} connections without waiting for its answer (see {@link OpenLoop}). The
 * score is calls sent per second; latency is timed from each call's intended send time and lands,
 * with the offered and achieved rate, in the secondary metrics of {@code rpcbench.load.LoadProfiler}.
 *
 * <p>A rate given as a percentage is a fraction of this transport's own capacity, found in the
 * warm-up iterations ({@link CapacitySearch}: 6 steps at 1000 calls/s to warm up, then 14 steps
 * of search, so that the result is within about 2% of the highest sustained rate; a step is sustained when at least 97% of its calls
 * were answered correctly in time and the corrected p99 stayed within {@code p99LimitMs}); a rate
 * given as a number is calls per second. Scope.Thread: with JMH's -t N, N generators each offer
 * the rate over their own connections.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class OpenLoopBenchmark {

    /** Below 97% of the offered calls answered in time, a step counts as not sustained. */
    public static final double TOLERANCE = 0.03;
    /** Where the capacity search starts (calls per second). */
    static final double SEARCH_START_RATE = 1000;
    /** Warm-up steps at the start rate before the search (gRPC's client needs about 5 s to be compiled). */
    static final int JIT_STEPS = 6;

    /** Evenly spaced sends, or Poisson arrivals. */
    @Param({"uniform"})
    public String arrival;

    /**
     * The corrected p99 (milliseconds) above which a step of the capacity search is not sustained.
     * 100 ms: a bound for a server that has fallen behind (its backlog grows through the step), not
     * for the occasional pause: one 10 ms pause (a collection, a compilation) already puts a step's
     * open-loop p99 at 10 ms at 8,000 calls/s, on servers that sustain several times that.
     */
    @Param({"100"})
    public int p99LimitMs;

    private OpenLoop load;
    private CapacitySearch search;
    private double fraction; // of capacity, or NaN for an absolute rate
    private double fixedRate;
    private int clientCpus;
    private boolean searching; // this iteration is a step of the capacity search

    /** The rate parameter: calls per second, or a percentage of capacity ("50%"). */
    protected abstract String rate();

    /** The connections parameter: how many connections the load is spread over. */
    protected abstract int connections();

    @Setup(Level.Trial)
    public void connect(ServerFixture server) throws IOException {
        String r = rate().trim();
        if (r.endsWith("%")) {
            fraction = BenchParam.RATE.check(r) / 100.0;
            search = new CapacitySearch(SEARCH_START_RATE, JIT_STEPS, TimeUnit.MILLISECONDS.toNanos(p99LimitMs), TOLERANCE);
        } else {
            fraction = Double.NaN;
            fixedRate = BenchParam.RATE.check(r);
        }
        int timeout = RpcSettings.current().callTimeoutMillis();
        int pinned = CpuPinning.allowedCpus().size(); // after the server fixture placed this fork
        clientCpus = pinned > 0 ? pinned : Runtime.getRuntime().availableProcessors();
        int connections = connections();
        load = OpenLoop.open(server.resolved(), server.clientSettings(), server.endpoint(), connections, arrival,
                Math.max(1024, 256 * connections), timeout);
        System.out.println("# rpc-bench: open-loop load: " + load.describe());
    }

    @Setup(Level.Iteration)
    public void startSchedule(IterationParams iteration) {
        boolean warmup = iteration.getType() == IterationType.WARMUP;
        searching = false;
        double r;
        if (search == null) {
            r = fixedRate;
        } else if (warmup || search.capacity() <= 0) {
            // Without enough warm-up (a smoke run's none) the search goes on in the measurement, and
            // its score is not a capacity: say so.
            if (!warmup) {
                System.out.println("# rpc-bench: WARNING: the capacity search has sustained no rate yet (from "
                        + SEARCH_START_RATE + " calls/s); this measurement iteration searches on: give more warm-up"
                        + " iterations (-wi)");
            }
            r = search.rate();
            searching = true;
        } else {
            r = search.capacity() * fraction;
        }
        load.start(r);
    }

    /** One operation: the next call of the schedule, sent on time (not waited for). */
    protected final void sendNext() {
        load.sendNext();
    }

    @TearDown(Level.Iteration)
    public void endSchedule() throws InterruptedException {
        OpenLoop.Iteration done = load.finish();
        if (searching) {
            search.observe(done);
            System.out.println(String.format(java.util.Locale.ROOT,
                    "# rpc-bench: capacity search: %.0f calls/s offered, %.0f answered, p99 %.2f ms, %d failed -> next %.0f",
                    done.offeredRate(), done.achievedRate(), done.p99Nanos() / 1e6, done.failedCalls(), search.rate()));
        }
        LoadWindow.add(done, search == null ? 0 : search.capacity(), clientCpus);
        CostMeter.failedCalls(done.failedCalls());
        if (done.wrongAnswers() > 0) {
            throw new IllegalStateException(done.wrongAnswers() + " wrong answer(s) in this iteration; first: "
                    + done.firstProblem());
        }
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        if (load != null) {
            load.close();
        }
    }
}
