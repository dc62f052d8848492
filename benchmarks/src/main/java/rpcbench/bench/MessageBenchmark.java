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
import rpcbench.api.RpcException;
import rpcbench.api.Transport;
import rpcbench.api.Transports;

/**
 * A structured message: one operation sends an {@link Order} of the given {@code shape} (small,
 * medium, large: about 200 bytes, 2 KB, 200 KB) encoded with {@code codec} and receives the
 * summary that the server computed from every field. The time includes encoding and decoding on
 * both sides; {@link CodecBenchmark} measures that part alone, so the difference is the transport.
 *
 * <p>{@code codec} is {@code natural} by default: each transport's own (java for rmi, protobuf for
 * grpc, json for http, protobuf for the byte transports), so the default compares the frameworks as
 * they are used. tcp, zeromq and websocket take any codec ({@code -p codec=protobuf,json,msgpack,java}).
 *
 * <p>Every answer's checksum is compared in the timed code (one comparison); the whole last answer
 * of each iteration is compared outside it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MessageBenchmark {

    @Param({"small", "medium", "large"})
    public String shape;

    @Param({BenchParam.NATURAL})
    public String codec;

    private Order order;
    private OrderSummary expected;
    private MessageCodec resolved;
    private OrderSummary lastAnswer;

    /**
     * The codec {@code name} on {@code transport}: its natural one for {@link BenchParam#NATURAL}.
     *
     * @throws IllegalArgumentException in one line naming the valid choices when the transport cannot carry it
     */
    public static MessageCodec codec(Transport transport, String name) {
        if (name.equals(BenchParam.NATURAL)) {
            return transport.codecs().get(0);
        }
        try {
            MessageCodec codec = MessageCodec.byName(name);
            MessageCodec.check(transport.name(), codec, transport.codecs());
            return codec;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-p codec=" + name + ": " + e.getMessage() + "; " + BenchParam.NATURAL
                    + " is the transport's own", e);
        }
    }

    @Setup(Level.Trial)
    public void makeOrder(ClientFixture client) {
        resolved = codec(Transports.byName(client.transport()), codec);
        order = OrderShape.byName(shape).order();
        expected = OrderSummary.of(order); // the client's own answer, computed once outside the timed code
    }

    @Benchmark
    public OrderSummary message(ClientFixture client) {
        OrderSummary answer;
        try {
            answer = client.rpc().message(order, resolved);
        } catch (RpcException e) {
            client.callFailed(e);
            return null;
        }
        if (answer.checksum() != expected.checksum()) {
            client.wrongAnswer("message of a " + shape + " order in " + resolved.jmhName() + " returned " + answer);
        }
        lastAnswer = answer;
        return answer;
    }

    @TearDown(Level.Iteration)
    public void checkLastAnswer(ClientFixture client) {
        if (lastAnswer != null && !lastAnswer.equals(expected)) {
            throw new IllegalStateException(client.transport() + ": message of a " + shape + " order in "
                    + resolved.jmhName() + " returned " + lastAnswer + ", expected " + expected);
        }
        lastAnswer = null;
    }

    /*
     * HOW TO RUN:
     *   java -jar benchmarks/target/benchmarks.jar MessageBenchmark
     *   java -jar benchmarks/target/benchmarks.jar MessageBenchmark -p transport=tcp,zeromq,websocket \
     *       -p codec=protobuf,json,msgpack,java -p shape=medium
     */
}
