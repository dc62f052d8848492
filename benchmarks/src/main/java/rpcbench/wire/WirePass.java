package rpcbench.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transports;
import rpcbench.relay.Relay;
import rpcbench.server.ServerProcess;

/**
 * The untimed pass that counts bytes on the wire: one server process per transport, a
 * {@link Relay} without delay in front of it, one client through the relay, and each benchmark's
 * operation repeated a few times with the byte counters read before and after. Connection set-up
 * is counted only for ConnectBenchmark, whose operation it is.
 */
final class WirePass {

    private static final int KB = 1024;
    private static final int MB = 1024 * 1024;

    private final String transport;
    private final Relay relay;
    private final Endpoint via;
    private final List<WireCount> counts = new ArrayList<>();

    private WirePass(String transport, Relay relay) {
        this.transport = transport;
        this.relay = relay;
        this.via = relay.endpoint();
    }

    /** Counts every operation of one transport. */
    static List<WireCount> measure(String transport) throws IOException, InterruptedException {
        Transports.byName(transport);
        try (ServerProcess server = ServerProcess.start(transport, RpcSettings.current());
             Relay relay = new Relay(server.endpoint(), 0)) { // its endpoint fronts the server: RMI's stubs follow
            return new WirePass(transport, relay).run();
        }
    }

    private List<WireCount> run() throws IOException, InterruptedException {
        try (RpcImplementation rpc = connect()) {
            count("SimpleCallBenchmark.simpleCallLatency", Map.of(), 1000, () -> rpc.simpleCall(1));
            count("StreamValuesBenchmark.streamValues", Map.of("count", "1000"), 20,
                    () -> rpc.streamValues(1000, v -> { }));
            for (int size : new int[] {KB, 100 * KB, MB}) {
                byte[] payload = new byte[size];
                Map<String, String> p = Map.of("size", Integer.toString(size));
                int n = size >= MB ? 5 : 50;
                count("PayloadBenchmark.echo", p, n, () -> rpc.echo(payload));
                count("BandwidthBenchmark.upload", p, n, () -> rpc.upload(payload));
                count("BandwidthBenchmark.download", p, n, () -> rpc.download(size));
            }
            byte[] file = new byte[3 * MB / 2];
            Map<String, String> transfer = Map.of("fileSize", Integer.toString(file.length), "chunkSize", "65536");
            count("TransferBenchmark.uploadFile", transfer, 5,
                    () -> rpc.uploadStream(new ByteArrayInputStream(file), 65536));
            count("TransferBenchmark.downloadFile", transfer, 5,
                    () -> rpc.downloadStream(file.length, 65536, OutputStream.nullOutputStream()));
        }
        settle(0);
        count("ConnectBenchmark.connectCallClose", Map.of(), 20, () -> {
            try (RpcImplementation fresh = connect()) {
                fresh.simpleCall(1);
            }
            settle(0); // the close's own bytes belong to this operation
        });
        return counts;
    }

    private RpcImplementation connect() throws IOException {
        RpcImplementation client = Transports.byName(transport).newClient(RpcSettings.current());
        try {
            client.setup(via);
            return client;
        } catch (IOException | RuntimeException e) {
            client.teardown();
            throw e;
        }
    }

    private interface Operation {
        void run() throws IOException, InterruptedException;
    }

    private void count(String benchmark, Map<String, String> params, int times, Operation op)
            throws IOException, InterruptedException {
        op.run(); // first use of an operation may set up framework state; it is not the operation's cost
        Thread.sleep(50);
        long up = relay.upBytes();
        long down = relay.downBytes();
        for (int i = 0; i < times; i++) {
            op.run();
        }
        Thread.sleep(50); // late frames (acknowledgements, window updates) of the last operation
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("transport", transport);
        counts.add(new WireCount(transport, benchmark, all, times, (relay.upBytes() - up) / (double) times,
                (relay.downBytes() - down) / (double) times));
    }

    /**
     * Waits up to 2 s for the relay to see at most {@code connections} open connections, and gives
     * up sooner, after 250 ms without any closing: Java RMI keeps idle connections pooled after a
     * client is done with them, by design, and waiting the full 2 s for each of ConnectBenchmark's
     * cycles made the pass 40 s longer for RMI alone.
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
