package com.example.inventory;

import java.io.IOException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import rpcbench.api.RpcSettings;
import rpcbench.bench.AppServerFixture;
import rpcbench.bench.CallLatencyDefaults;

/**
 * Latency of the inventory's calls, one round trip per operation over one persistent connection per
 * thread, with the mode, times and fork of rpc-bench's SimpleCallBenchmark (its superclass), so that a report shows
 * each next to the bare simple call over the same framework. The server runs in its own process
 * through rpc-bench's fixture ({@link Server}); rpc-bench's cost profiler adds ·server.cpu,
 * ·client.cpu and the rest. Answers are checked against the catalogue outside the timed code.
 */
@State(Scope.Thread)
public class InventoryBenchmark extends CallLatencyDefaults {

    /** The inventory's server over the trial's {@code transport}, in its own process, one per trial. */
    @State(Scope.Benchmark)
    public static class Server extends AppServerFixture {
        @Override
        protected String app() {
            return "inventory";
        }
    }

    // SKUs, quantities and answers worked out once, so that the timed code only calls and compares.
    private static final String[] SKUS = new String[Inventory.SIZE];
    private static final Inventory.Item[] ITEMS = new Inventory.Item[Inventory.SIZE];
    private static final Inventory.Quote[] QUOTES = new Inventory.Quote[Inventory.SIZE];

    static {
        Inventory expected = new Inventory();
        for (int i = 0; i < Inventory.SIZE; i++) {
            SKUS[i] = Inventory.sku(i);
            ITEMS[i] = expected.lookup(SKUS[i]);
            QUOTES[i] = expected.quote(SKUS[i], quantity(i));
        }
    }

    private InventoryClient client;
    private int next;
    private long wrongAnswers;
    private Object firstWrongAnswer;

    @Setup(Level.Trial)
    public void connect(Server server) throws IOException {
        client = InventoryClient.connect(server.transport, server.endpoint(), RpcSettings.current());
    }

    /** One lookup of an item, SKUs in turn. */
    @Benchmark
    public Inventory.Item lookupLatency() {
        int i = turn();
        Inventory.Item item = client.lookup(SKUS[i]);
        check(item, ITEMS[i]);
        return item;
    }

    /** One quote, SKUs and quantities (1..40: no discount, then 5%) in turn. */
    @Benchmark
    public Inventory.Quote quoteLatency() {
        int i = turn();
        Inventory.Quote quote = client.quote(SKUS[i], quantity(i));
        check(quote, QUOTES[i]);
        return quote;
    }

    private int turn() {
        int i = next;
        next = (i + 1) % Inventory.SIZE;
        return i;
    }

    private static int quantity(int i) {
        return 1 + i % 40;
    }

    private void check(Object answer, Object expected) {
        if (!answer.equals(expected) && wrongAnswers++ == 0) {
            firstWrongAnswer = answer + " instead of " + expected;
        }
    }

    @TearDown(Level.Iteration)
    public void failOnWrongAnswers() {
        if (wrongAnswers > 0) {
            throw new IllegalStateException(wrongAnswers + " wrong answer(s) in this iteration; first: " + firstWrongAnswer);
        }
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    /*
     * HOW TO RUN (this service's calls and the bare simple call over both frameworks, then the report):
     *   java -jar examples/inventory/target/inventory-benchmarks.jar 'InventoryBenchmark|SimpleCallBenchmark'
     * Smoke: add -f 1 -wi 0 -i 1 -r 200ms.
     */
}
