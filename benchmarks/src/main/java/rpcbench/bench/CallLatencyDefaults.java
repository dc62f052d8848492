package rpcbench.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The mode, unit, times and fork of a call's latency, in one place (JMH reads these annotations from a
 * superclass): {@link SimpleCallBenchmark} and a team's own call benchmarks (docs/your-service.md) extend
 * it, so that their records compare row by row in a report's application-overhead table.
 *
 * <p>SampleTime gives the latency distribution (p50, p90, p99, p99.9 in the JSON), which is what a user
 * of request/reply compares; the run is closed-loop, so each thread has one call in flight.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class CallLatencyDefaults {
}
