package rpcbench.wire;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;


import rpcbench.api.Transports;
import rpcbench.bench.JsonFiles;

/**
 * {@code wire [--transports a,b] [--out FILE]}: bytes on the wire per operation for each
 * transport, counted through a relay in an untimed pass (see {@link WirePass}); printed as a table
 * and written as JSON. The default run writes it next to the JMH result as {@code NAME-wire.json}.
 */
public final class WireCommand {

    private WireCommand() {
    }

    /** Runs the command line; returns the exit code (2 for bad arguments, 1 when a pass fails). */
    public static int run(String[] args) {
        List<String> transports = Transports.names();
        Path out = Path.of("rpcbench-wire.json");
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length || !(args[i].equals("--transports") || args[i].equals("--out"))) {
                    throw new IllegalArgumentException("usage: wire [--transports NAME,NAME...] [--out FILE.json]");
                }
                if (args[i].equals("--transports")) {
                    transports = Arrays.asList(args[i + 1].split(","));
                    transports.forEach(Transports::byName);
                } else {
                    out = Path.of(args[i + 1]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("wire: " + e.getMessage());
            return 2;
        }
        return measure(transports, out);
    }

    /** Counts every transport in turn and writes {@code out}; returns the exit code. */
    public static int measure(List<String> transports, Path out) {
        List<WireCount> all = new ArrayList<>();
        int failures = 0;
        for (String t : transports) {
            try {
                all.addAll(WirePass.measure(t));
            } catch (IOException | RuntimeException e) {
                failures++;
                System.err.println("wire: " + t + ": the pass failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        print(all);
        try {
            JsonFiles.write(all, out);
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
