package rpcbench.wire;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import rpcbench.api.Transport;
import rpcbench.api.Transports;
import rpcbench.bench.ServerFixture;
import rpcbench.bench.Workload;
import rpcbench.files.AtomicFiles;
import rpcbench.files.WireCount;
import rpcbench.report.BadResultFile;
import rpcbench.report.JmhRecord;
import rpcbench.report.JmhResults;

/**
 * What the bytes-on-the-wire pass counts, per transport: exactly the workloads and parameter
 * values a result measured ({@link #of(Path)}), or every workload with its default values
 * ({@link #defaults(List)}); and the pass over all of them, printed as a table and written as JSON.
 */
public final class WirePlan {

    private WirePlan() {
    }

    /** Per transport, each distinct (workload, parameters) of the result's records, in file order. */
    public static Map<String, List<WirePass.Item>> of(Path result) throws BadResultFile {
        Map<String, List<WirePass.Item>> plan = new LinkedHashMap<>();
        for (JmhRecord r : JmhResults.read(result)) {
            Workload w = Workload.byBenchmark(r.benchmark());
            if (w == null || r.transport() == null) {
                continue; // another jar's benchmark: nothing of ours to count
            }
            Map<String, String> params = new TreeMap<>(r.params());
            params.remove("transport");
            WirePass.Item item = new WirePass.Item(w, params);
            List<WirePass.Item> items = plan.computeIfAbsent(r.transport(), t -> new ArrayList<>());
            if (!items.contains(item)) {
                items.add(item);
            }
        }
        return plan;
    }

    /** Per transport, every workload it can run with every combination of its default values. */
    public static Map<String, List<WirePass.Item>> defaults(List<String> transports) {
        Map<String, List<WirePass.Item>> plan = new LinkedHashMap<>();
        for (String name : transports) {
            Transport t = Transports.byName(name);
            List<WirePass.Item> items = new ArrayList<>();
            for (Workload w : Workload.values()) {
                if (w.whyNot(t) == null && w.needs() != Workload.Needs.NO_TRANSPORT) {
                    w.defaultCombinations().forEach(p -> items.add(new WirePass.Item(w, asRead(p.values()))));
                }
            }
            plan.put(name, items);
        }
        return plan;
    }

    /** The parameters as a report reads them back from a result ({@link ServerFixture#dropLaterAtDefault}). */
    private static Map<String, String> asRead(Map<String, String> params) {
        Map<String, String> read = new TreeMap<>(params);
        ServerFixture.dropLaterAtDefault(read);
        return read;
    }

    /** Runs the pass for every transport of {@code plan} and writes {@code out}; returns the exit code. */
    public static int measure(Map<String, List<WirePass.Item>> plan, Path out) {
        List<WireCount> all = new ArrayList<>();
        int failures = 0;
        for (Map.Entry<String, List<WirePass.Item>> e : plan.entrySet()) {
            try {
                all.addAll(WirePass.measure(Transports.byName(e.getKey()), e.getValue()));
            } catch (IOException | RuntimeException ex) {
                failures++;
                System.err.println("wire: " + e.getKey() + ": the pass failed: " + ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        print(all);
        try {
            AtomicFiles.writeJson(all, out);
            System.out.println("# rpc-bench: bytes on the wire in " + out);
        } catch (IOException e) {
            System.err.println("wire: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        return failures == 0 ? 0 : 1;
    }

    private static void print(List<WireCount> counts) {
        System.out.println();
        System.out.println("Bytes on the wire per operation (client to server / server to client)");
        System.out.printf(Locale.ROOT, "%-40s %-32s %-10s %14s %14s%n", "Benchmark", "Parameters", "Transport",
                "up B/op", "down B/op");
        for (WireCount c : counts) {
            var params = new ArrayList<String>();
            c.params().forEach((k, v) -> {
                if (!k.equals("transport")) {
                    params.add(k + "=" + v);
                }
            });
            System.out.printf(Locale.ROOT, "%-40s %-32s %-10s %14.1f %14.1f%n", c.benchmark(),
                    String.join(",", params), c.transport(), c.upBytesPerOp(), c.downBytesPerOp());
        }
    }
}
