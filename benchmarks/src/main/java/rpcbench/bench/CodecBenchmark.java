package rpcbench.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
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

import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderShape;
import rpcbench.api.OrderSummary;
import rpcbench.codec.OrderCodec;

/**
 * Serialization alone, no network and no server: one operation is everything a
 * {@link MessageBenchmark} call does with its bytes, in one thread: the client encodes the order,
 * the server decodes it and computes its summary, the server encodes the summary, the client decodes
 * it. A message call's time less this one is what the transport costs.
 *
 * <p>Scope.Thread: each thread has its own order; the codecs are shared and thread-safe, as in a
 * server. The decoded summary of the last operation of each iteration is checked outside the timed code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBenchmark {

    @Param({"protobuf", "json", "msgpack", "java"})
    public String codec;

    @Param({"small", "medium", "large"})
    public String shape;

    private OrderCodec resolved;
    private Order order;
    private OrderSummary lastAnswer;

    @Setup(Level.Trial)
    public void makeOrder() {
        resolved = OrderCodec.of(MessageCodec.byName(codec));
        order = OrderShape.byName(shape).order();
    }

    /** One message call's serialization, both ways; also the catalogue's operation (Workload.CODEC). */
    static OrderSummary roundTrip(OrderCodec codec, Order order) {
        Order received = codec.decode(codec.encode(order), Order.class);
        return codec.decode(codec.encode(OrderSummary.of(received)), OrderSummary.class);
    }

    @Benchmark
    public OrderSummary encodeDecode() {
        lastAnswer = roundTrip(resolved, order);
        return lastAnswer;
    }

    @TearDown(Level.Iteration)
    public void checkLastAnswer() {
        if (lastAnswer != null && !lastAnswer.equals(OrderSummary.of(order))) {
            throw new IllegalStateException(codec + ": a " + shape + " order came back as " + lastAnswer);
        }
        lastAnswer = null;
    }

    /*
     * HOW TO RUN:
     *   java -jar benchmarks/target/benchmarks.jar CodecBenchmark
     *   java -jar benchmarks/target/benchmarks.jar CodecBenchmark -p codec=protobuf,json -p shape=large
     */
}
