package rpcbench.load;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import rpcbench.api.RpcSettings;
import rpcbench.api.Transports;
import rpcbench.remote.RemoteFailure;
import rpcbench.server.ServerProcess;
import rpcbench.server.ServerStats;

/**
 * Does every transport hold many concurrent clients ({@code load})? Per transport, one server process and two passes of
 * {@link LoadPass}; after each, the server collects garbage and reports its heap. Exit code 1 when
 * any call failed or was answered wrongly, or the server's live heap grew from the first pass to
 * the second by more than {@link #GROWTH_TOLERANCE_BYTES} (a leak per call or per connection).
 */
public final class HeldLoad {

    /** Live-heap growth allowed between passes: caches and JIT-era allocations settle in pass 1. */
    static final long GROWTH_TOLERANCE_BYTES = 16L << 20;

    private HeldLoad() {
    }

    /** Holds the load on each transport in turn; returns 0 when every one held, 1 otherwise. */
    public static int run(List<String> transports, int clients, int calls, int limit) {
        System.out.printf(Locale.ROOT, "%-10s %9s %12s %9s %7s %10s %10s %12s %12s %9s%n", "transport", "clients",
                "calls/pass", "failed", "wrong", "pass1 s", "pass2 s", "heap1 MB", "heap2 MB", "verdict");
        int exit = 0;
        for (String t : transports) {
            exit |= one(t, clients, calls, limit);
        }
        return exit;
    }

    private static int one(String transport, int clients, int calls, int limit) {
        try (ServerProcess server = ServerProcess.start(transport, RpcSettings.current())) {
            LoadPass.Outcome first = LoadPass.run(transport, server.endpoint(), clients, calls, limit);
            ServerStats afterFirst = server.statsAfterGc();
            LoadPass.Outcome second = LoadPass.run(transport, server.endpoint(), clients, calls, limit);
            ServerStats afterSecond = server.statsAfterGc();
            long failed = first.failures() + second.failures();
            long wrong = first.wrongAnswers() + second.wrongAnswers();
            long growth = afterSecond.heapUsedBytes() - afterFirst.heapUsedBytes();
            boolean held = failed == 0 && wrong == 0 && growth <= GROWTH_TOLERANCE_BYTES;
            System.out.printf(Locale.ROOT, "%-10s %9d %12d %9d %7d %10.1f %10.1f %12.1f %12.1f %9s%n", transport,
                    clients, (long) clients * calls, failed, wrong, first.seconds(), second.seconds(),
                    afterFirst.heapUsedBytes() / 1048576.0, afterSecond.heapUsedBytes() / 1048576.0,
                    held ? "held" : "FAILED");
            for (LoadPass.Outcome o : List.of(first, second)) {
                if (o.firstProblem() != null) {
                    System.out.println("    " + transport + ": " + o.firstProblem());
                }
            }
            if (growth > GROWTH_TOLERANCE_BYTES) {
                System.out.println("    " + transport + ": live server heap grew by " + growth / 1048576 + " MB");
            }
            return held ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            // a remote host's failure is a sentence for the user already; anything else keeps its class name
            System.out.println("    " + transport + ": the load could not run: "
                    + (e instanceof RemoteFailure ? e.getMessage() : e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
