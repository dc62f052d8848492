package rpcbench.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

import rpcbench.api.AsyncCalls;
import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderShape;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transport;
import rpcbench.codec.OrderCodec;

/**
 * The one catalogue of what rpc-bench measures: every {@code @Benchmark} method of this jar, what
 * one operation does on the client, and what a transport needs to run it. The run plan, the check
 * of a result, the bytes-on-the-wire pass and the profiles all read it; a test checks that it
 * lists exactly the jar's benchmarks and that the docs' benchmark table matches it. Parameter
 * defaults stay in the benchmark classes' {@code @Param} annotations and are read back from JMH's
 * own benchmark list ({@link #defaults()}).
 *
 * <p>Adding a benchmark: its class, and one entry here.
 */
public enum Workload {

    SIMPLE_CALL(SimpleCallBenchmark.class, "simpleCallLatency", Needs.NOTHING,
            "one int to the server, the int plus one back", p -> c -> c.rpc().simpleCall(1)),
    STREAM_VALUES(StreamValuesBenchmark.class, "streamValues", Needs.NOTHING,
            "the server streams count ints, each its own message", p -> {
                int count = p.integer(BenchParam.COUNT);
                return c -> c.rpc().streamValues(count, v -> { });
            }),
    ECHO(PayloadBenchmark.class, "echo", Needs.NOTHING, "size bytes to the server and the same bytes back", p -> {
        byte[] payload = new byte[p.integer(BenchParam.SIZE)];
        return c -> c.rpc().echo(payload);
    }),
    UPLOAD(BandwidthBenchmark.class, "upload", Needs.NOTHING, "size bytes up as one message, a count back", p -> {
        byte[] payload = new byte[p.integer(BenchParam.SIZE)];
        return c -> c.rpc().upload(payload);
    }),
    DOWNLOAD(BandwidthBenchmark.class, "download", Needs.NOTHING, "size bytes down as one message", p -> {
        int size = p.integer(BenchParam.SIZE);
        return c -> c.rpc().download(size);
    }),
    UPLOAD_FILE(TransferBenchmark.class, "uploadFile", Needs.NOTHING,
            "a file of fileSize bytes up in chunks of chunkSize, a receipt back", p -> {
                byte[] file = new byte[p.integer(BenchParam.FILE_SIZE)];
                int chunk = p.integer(BenchParam.CHUNK_SIZE);
                return c -> c.rpc().uploadStream(new ByteArrayInputStream(file), chunk);
            }),
    DOWNLOAD_FILE(TransferBenchmark.class, "downloadFile", Needs.NOTHING,
            "fileSize bytes down in chunks of chunkSize", p -> {
                long size = p.longValue(BenchParam.FILE_SIZE);
                int chunk = p.integer(BenchParam.CHUNK_SIZE);
                return c -> c.rpc().downloadStream(size, chunk, OutputStream.nullOutputStream());
            }),
    CONNECT(ConnectBenchmark.class, "connectCallClose", Needs.NEW_CONNECTIONS,
            "a new connection, its first call, and its close", p -> c -> {
                try (RpcImplementation fresh = c.connect()) {
                    fresh.simpleCall(1);
                }
            }),
    IN_FLIGHT(InFlightBenchmark.class, "completedCall", Needs.ASYNC_CALLS,
            "one completed call of inFlight kept outstanding on one connection", p -> c -> {
                try {
                    ((AsyncCalls) c.rpc()).simpleCallAsync(1).get(RpcSettings.current().callTimeoutMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new RpcException("async call failed: " + e, e);
                }
            }),
    MESSAGE(MessageBenchmark.class, "message", Needs.NOTHING, false,
            "an order of the shape to the server in the codec, its summary (read from every field) back", p -> {
                Order order = OrderShape.byName(p.text(BenchParam.SHAPE)).order();
                String codec = p.text(BenchParam.CODEC);
                return c -> c.rpc().message(order, MessageBenchmark.codec(c.transport(), codec));
            }),
    CODEC(CodecBenchmark.class, "encodeDecode", Needs.NO_TRANSPORT, false,
            "a message call's serialization without the network: the order and its summary encoded and decoded",
            p -> {
                Order order = OrderShape.byName(p.text(BenchParam.SHAPE)).order();
                OrderCodec codec = OrderCodec.of(MessageCodec.byName(p.text(BenchParam.CODEC)));
                return c -> CodecBenchmark.roundTrip(codec, order);
            }),
    RATE(RateBenchmark.class, "scheduledCall", Needs.NOTHING, false,
            "one simple call sent on a fixed schedule (open loop), timed from its intended send time",
            p -> c -> c.rpc().simpleCall(1)),
    CAPACITY(CapacityBenchmark.class, "sustainedRate", Needs.NOTHING, false,
            "one simple call sent on schedule at the highest rate the server sustains (open loop)",
            p -> c -> c.rpc().simpleCall(1));

    /** What a transport must offer for a workload. */
    public enum Needs {
        NOTHING,
        /** Opens connections during the operation (the wire pass counts their set-up and close). */
        NEW_CONNECTIONS,
        /** Several calls in flight on one connection through the framework's own async API. */
        ASYNC_CALLS,
        /** No transport at all: runs in the benchmark JVM alone (no server, nothing on the wire). */
        NO_TRANSPORT
    }

    /** The client side of one operation outside JMH (the wire pass): one connection, and new ones. */
    public interface Client {
        Transport transport();

        RpcImplementation rpc();

        RpcImplementation connect() throws IOException;
    }

    /** One operation, prepared for given parameters (payloads allocated once). */
    @FunctionalInterface
    public interface Operation {
        void run(Client client) throws IOException, InterruptedException;
    }

    /** A workload's parameter values by JMH name (transport included or not). */
    public record Params(Map<String, String> values) {
        public int integer(BenchParam p) {
            return Math.toIntExact(longValue(p));
        }

        /** A word parameter's value, checked. */
        public String text(BenchParam p) {
            String text = values.get(p.jmhName());
            if (text == null) {
                throw new IllegalArgumentException("no value for parameter " + p.jmhName());
            }
            p.check(text);
            return text;
        }

        public long longValue(BenchParam p) {
            String text = values.get(p.jmhName());
            if (text == null) {
                throw new IllegalArgumentException("no value for parameter " + p.jmhName());
            }
            return p.check(text);
        }
    }

    private final Class<?> benchmarkClass;
    private final String method;
    private final Needs needs;
    private final String operation;
    private final Function<Params, Operation> prepare;
    private final boolean inDefaultRun;

    Workload(Class<?> benchmarkClass, String method, Needs needs, String operation,
            Function<Params, Operation> prepare) {
        this(benchmarkClass, method, needs, true, operation, prepare);
    }

    Workload(Class<?> benchmarkClass, String method, Needs needs, boolean inDefaultRun, String operation,
            Function<Params, Operation> prepare) {
        this.benchmarkClass = benchmarkClass;
        this.method = method;
        this.needs = needs;
        this.inDefaultRun = inDefaultRun;
        this.operation = operation;
        this.prepare = prepare;
    }

    /**
     * Whether a run that names no benchmark runs this one. The open-loop load benchmarks take
     * minutes per transport and have their own profile; they run when named.
     */
    public boolean inDefaultRun() {
        return inDefaultRun;
    }

    /** The workloads of a run that names no benchmark. */
    public static List<Workload> defaultRun() {
        return java.util.Arrays.stream(values()).filter(Workload::inDefaultRun).toList();
    }

    /** JMH's include pattern for exactly this benchmark. */
    public String exactPattern() {
        return "^" + benchmark().replace(".", "\\.") + "$";
    }

    /** JMH's name of the benchmark: the class's full name, a dot, the method. */
    public String benchmark() {
        return benchmarkClass.getName() + "." + method;
    }

    /** The class's simple name, a dot, the method: how reports and the wire file name it. */
    public String shortName() {
        return benchmarkClass.getSimpleName() + "." + method;
    }

    public Needs needs() {
        return needs;
    }

    /** One line: what one operation is. */
    public String operation() {
        return operation;
    }

    /** Null when {@code transport} can run this workload; otherwise why it cannot. */
    public String whyNot(Transport transport) {
        return needs == Needs.ASYNC_CALLS ? transport.whyNoAsyncCalls() : null;
    }

    /** The operation for these parameter values; throws IllegalArgumentException on a bad value. */
    public Operation prepare(Params params) {
        return prepare.apply(params);
    }

    /**
     * The parameters and their default values, from JMH's list of this jar's benchmarks (the
     * {@code @Param} annotations); {@code transport} is left out (its default is every transport).
     */
    public Map<String, List<String>> defaults() {
        BenchmarkListEntry entry = jmhEntry();
        Map<String, List<String>> params = new LinkedHashMap<>();
        entry.getParams().orElse(Map.of()).forEach((name, values) -> {
            if (!name.equals("transport")) {
                params.put(name, List.of(values));
            }
        });
        return params;
    }

    /** Every combination of the default parameter values, as JMH would run them. */
    public List<Params> defaultCombinations() {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        defaults().forEach((name, values) -> {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : values) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(name, v);
                    next.add(m);
                }
            }
            combos.clear();
            combos.addAll(next);
        });
        return combos.stream().map(Params::new).toList();
    }

    /**
     * The catalogue as a Markdown table: benchmark, what one operation is, JMH's mode and unit,
     * parameters with their defaults, whether the default run has it, and what it needs. The
     * docs' benchmark table is this table (a test checks it).
     */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| benchmark | one operation | mode, unit | parameters (defaults) | default run |"
                + " needs |\n|---|---|---|---|---|---|\n");
        for (Workload w : values()) {
            BenchmarkListEntry e = w.jmhEntry();
            List<String> params = new ArrayList<>();
            new java.util.TreeMap<>(w.defaults())
                    .forEach((name, values) -> params.add("`" + name + "` (" + String.join(", ", values) + ")"));
            out.append("| `").append(w.shortName()).append("` | ").append(w.operation()).append(" | ")
                    .append(e.getMode().name()).append(", ").append(unit(e)).append(" | ")
                    .append(params.isEmpty() ? "-" : String.join(", ", params)).append(" | ")
                    .append(w.inDefaultRun() ? "yes" : "no (run by name)").append(" | ")
                    .append(switch (w.needs()) {
                        case NOTHING -> "-";
                        case NEW_CONNECTIONS -> "opens connections";
                        case ASYNC_CALLS -> "a native async API";
                        case NO_TRANSPORT -> "no transport (no network)";
                    }).append(" |\n");
        }
        return out.toString();
    }

    private static String unit(BenchmarkListEntry e) {
        String time = switch (e.getTimeUnit().orElse(java.util.concurrent.TimeUnit.SECONDS)) {
            case NANOSECONDS -> "ns";
            case MICROSECONDS -> "us";
            case MILLISECONDS -> "ms";
            case SECONDS -> "s";
            default -> e.getTimeUnit().get().toString();
        };
        return e.getMode() == org.openjdk.jmh.annotations.Mode.Throughput ? "ops/" + time : time + "/op";
    }

    /** The workload of JMH benchmark {@code name} (full or short), or null for one not in the catalogue. */
    public static Workload byBenchmark(String name) {
        for (Workload w : values()) {
            if (w.benchmark().equals(name) || w.shortName().equals(name)) {
                return w;
            }
        }
        return null;
    }

    private BenchmarkListEntry jmhEntry() {
        for (BenchmarkListEntry e : JmhList.ENTRIES) {
            if (e.getUsername().equals(benchmark())) {
                return e;
            }
        }
        throw new IllegalStateException("JMH's benchmark list has no " + benchmark() + " (the catalogue and the"
                + " benchmark classes disagree)");
    }

    /** JMH's list of this jar's benchmarks (one mode each, so one entry per method), read once. */
    static final class JmhList {
        static final List<BenchmarkListEntry> ENTRIES = List.copyOf(BenchmarkList.defaultList().getAll(
                org.openjdk.jmh.runner.format.OutputFormatFactory.createFormatInstance(System.err,
                        org.openjdk.jmh.runner.options.VerboseMode.SILENT), List.of()));

        private JmhList() {
        }
    }
}
