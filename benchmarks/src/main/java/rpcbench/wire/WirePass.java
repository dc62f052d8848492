package rpcbench.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transport;
import rpcbench.bench.AuthParam;
import rpcbench.api.tls.Tls;
import rpcbench.bench.Workload;
import rpcbench.files.WireCount;
import rpcbench.relay.Relay;
import rpcbench.server.ServerProcess;

/**
 * The untimed pass that counts bytes on the wire: one server process per transport, a
 * {@link Relay} without delay in front of it, one client through the relay, and each workload's
 * operation ({@link Workload#prepare}) repeated a few times with the byte counters read before and
 * after. Connection set-up is counted only for workloads that open connections, whose operation it is.
 */
public final class WirePass {

    /** One operation to count: a workload with its parameter values (transport left out). */
    public record Item(Workload workload, Map<String, String> params) {
    }

    private final Transport transport;
    private final Relay relay;
    private final Endpoint via;
    private final List<WireCount> counts = new ArrayList<>();
    private final RpcSettings clientSettings;

    private WirePass(Transport transport, Relay relay, RpcSettings clientSettings) {
        this.transport = transport;
        this.relay = relay;
        this.via = relay.endpoint();
        this.clientSettings = clientSettings;
    }

    /**
     * Counts each item over {@code transport}, in order, grouped as trials are: each group of
     * {@code auth} and {@code tls} values against a server of its own (demanding a token made for it;
     * with TLS, so that what is counted is the TLS records, handshakes of the connections an operation
     * opens included; ZeroMQ: CURVE's boxes).
     */
    public static List<WireCount> measure(Transport transport, List<Item> items)
            throws IOException, InterruptedException {
        List<WireCount> all = new ArrayList<>();
        for (String auth : AuthParam.VALUES) {
            for (boolean tls : new boolean[] {false, true}) {
                List<Item> these = items.stream()
                        .filter(i -> i.params().getOrDefault("auth", AuthParam.NONE).equals(auth))
                        .filter(i -> "true".equals(i.params().get("tls")) == tls).toList();
                if (these.isEmpty()) {
                    continue;
                }
                RpcSettings settings = AuthParam.settings(auth, RpcSettings.current());
                settings = tls ? settings.with(Tls.ENABLED, true) : settings;
                try (ServerProcess server = ServerProcess.start(transport.name(), settings);
                     Relay relay = new Relay(server.endpoint(), 0)) { // its endpoint fronts the server: RMI's stubs follow
                    all.addAll(new WirePass(transport, relay, server.clientSettings(settings)).run(these));
                }
            }
        }
        return all;
    }

    private List<WireCount> run(List<Item> items) throws IOException, InterruptedException {
        try (RpcImplementation rpc = connect()) {
            Workload.Client client = new Workload.Client() {
                @Override
                public Transport transport() {
                    return transport;
                }

                @Override
                public RpcImplementation rpc() {
                    return rpc;
                }

                @Override
                public RpcImplementation connect() throws IOException {
                    return WirePass.this.connect();
                }
            };
            for (Item item : items) {
                Workload.Operation op = item.workload().prepare(new Workload.Params(item.params()));
                boolean connects = item.workload().needs() == Workload.Needs.NEW_CONNECTIONS;
                if (connects) {
                    settle(1); // only this operation's connections are counted
                }
                count(item, repetitions(item), () -> {
                    op.run(client);
                    if (connects) {
                        settle(1); // the close's own bytes belong to this operation
                    }
                });
            }
        }
        return counts;
    }

    /** Enough repetitions for a stable average, few enough that a 10 MB echo takes seconds. */
    static int repetitions(Item item) {
        if (item.workload().needs() == Workload.Needs.NEW_CONNECTIONS) {
            return 20;
        }
        long bytes = Math.max(number(item, "size"), number(item, "fileSize"));
        if (bytes > 0) {
            return (int) Math.max(5, Math.min(50, (16L << 20) / bytes));
        }
        if (item.params().containsKey("shape")) {
            return 50; // an order's bytes do not vary; a large one in Java serialization takes milliseconds
        }
        return item.params().containsKey("count") ? 20 : 1000;
    }

    private static long number(Item item, String param) {
        String text = item.params().get(param);
        return text == null ? -1 : Long.parseLong(text);
    }

    private RpcImplementation connect() throws IOException {
        return transport.connect(clientSettings, via);
    }

    private interface Repeated {
        void run() throws IOException, InterruptedException;
    }

    private void count(Item item, int times, Repeated op) throws IOException, InterruptedException {
        op.run(); // first use of an operation may set up framework state; it is not the operation's cost
        Thread.sleep(50);
        long up = relay.upBytes();
        long down = relay.downBytes();
        for (int i = 0; i < times; i++) {
            op.run();
        }
        Thread.sleep(50); // late frames (acknowledgements, window updates) of the last operation
        Map<String, String> all = new LinkedHashMap<>(item.params());
        all.put("transport", transport.name());
        counts.add(new WireCount(transport.name(), item.workload().shortName(), all, times,
                (relay.upBytes() - up) / (double) times, (relay.downBytes() - down) / (double) times));
    }

    /**
     * Waits up to 2 s for the relay to see at most {@code connections} open connections, and gives
     * up sooner, after 250 ms without any closing: Java RMI keeps idle connections pooled after a
     * client is done with them, by design, and waiting the full 2 s for each cycle made the pass
     * 40 s longer for RMI alone.
     */
    private void settle(int connections) throws InterruptedException {
        int open = relay.openConnections();
        for (int i = 0, still = 0; i < 40 && open > connections && still < 5; i++) {
            Thread.sleep(50);
            int now = relay.openConnections();
            still = now < open ? 0 : still + 1;
            open = now;
        }
    }
}
