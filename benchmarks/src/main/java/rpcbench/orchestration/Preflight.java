package rpcbench.orchestration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import rpcbench.os.ServerRegistry;
import rpcbench.server.ServerMain;

/**
 * Warns ({@code preflight}, and {@code run} before measuring) about what would spoil the numbers:
 * another rpc-bench server still alive, a busy machine, CPU frequency scaling not set to
 * performance (Linux), a power plan other than High or Ultimate performance (Windows). Warnings
 * only: exit code 0. Everything is asked of a {@link Host}, so the Windows answers are tested on
 * Linux too.
 */
public final class Preflight {

    /** Load average per core, or share of all CPUs in use, above which the machine counts as busy. */
    static final double BUSY_LOAD_PER_CORE = 0.5;
    /** High performance and Ultimate Performance: GUIDs are the same in every Windows language. */
    private static final Set<String> FAST_PLANS = Set.of("8c5e7fda-e8bf-4a96-9a85-a6e23a8c635c",
            "e9a42b02-d5df-448d-aa00-03f14749eb61");

    private Preflight() {
    }

    /** Prints the warnings (or that there are none) about this machine; the exit code is always 0. */
    public static int run() {
        return run(Host.current());
    }

    /** Prints the warnings about {@code host}; the exit code is always 0. */
    public static int run(Host host) {
        List<String> warnings = warnings(host);
        warnings.forEach(w -> System.out.println("preflight: WARNING: " + w));
        if (warnings.isEmpty()) {
            System.out.println("preflight: no other rpc-bench server, machine idle, no power saving seen");
        }
        return 0;
    }

    static List<String> warnings(Host host) {
        List<String> warnings = new ArrayList<>(serverWarnings(host));
        double load = host.loadAverage().getAsDouble();
        if (load >= 0) {
            loadWarning(load, host.cores()).ifPresent(warnings::add);
        } else {
            cpuLoadWarning(host.cpuLoad().getAsDouble(), host.cores()).ifPresent(warnings::add); // Windows
        }
        governorWarning(Machine.governors(host.cpuSysfs())).ifPresent(warnings::add);
        Machine.powerPlan(host).flatMap(Preflight::powerPlanWarning).ifPresent(warnings::add);
        return warnings;
    }

    /**
     * One warning per rpc-bench server process alive on the machine (other than this process):
     * those that announced themselves ({@link ServerRegistry}, the only way on Windows), and on
     * Linux those whose command line names {@link ServerMain} (servers of older versions).
     */
    static List<String> serverWarnings(Host host) {
        TreeMap<Long, String> servers = new TreeMap<>();
        host.servers().alive().forEach(s -> servers.put(s.pid(), s.transport() + " server"));
        host.processes().get()
                .filter(p -> !servers.containsKey(p.pid()) && isServer(host, p))
                .forEach(p -> servers.put(p.pid(), "server"));
        servers.remove(host.pid());
        List<String> warnings = new ArrayList<>();
        servers.forEach((pid, what) -> warnings.add("another rpc-bench " + what + " is running (pid " + pid
                + "); it competes for the CPUs. Stop it unless it is the server this run uses."));
        return warnings;
    }

    /**
     * The JDK shows only the first 4 KB of a command line, and a server started from a build's
     * class path has a longer one, so on Linux the whole of /proc/PID/cmdline is read as well.
     */
    private static boolean isServer(Host host, ProcessHandle p) {
        String main = ServerMain.class.getName();
        if (host.commandLine().apply(p).map(c -> c.contains(main)).orElse(false)) {
            return true;
        }
        return Machine.lines(host.proc().resolve(Long.toString(p.pid())).resolve("cmdline")).stream()
                .anyMatch(l -> l.contains(main));
    }

    static Optional<String> loadWarning(double loadAverage, int cores) {
        if (loadAverage < 0 || loadAverage <= BUSY_LOAD_PER_CORE * cores) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the machine is busy: load average %.2f on %d cores;"
                + " other work competes with the benchmark", loadAverage, cores));
    }

    /** Windows has no load average; the share of all CPUs in use over a second stands in for it. */
    static Optional<String> cpuLoadWarning(double share, int cores) {
        if (share < 0 || share <= BUSY_LOAD_PER_CORE) {
            return Optional.empty(); // below the line, or not measured
        }
        return Optional.of(String.format(Locale.ROOT, "the machine is busy: %.0f%% of its %d cores in use;"
                + " other work competes with the benchmark", share * 100, cores));
    }

    static Optional<String> governorWarning(TreeSet<String> governors) {
        TreeSet<String> slow = new TreeSet<>(governors);
        slow.remove("performance");
        if (slow.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("CPU frequency governor is " + String.join(",", governors) + ", not performance;"
                + " for steady clocks: sudo cpupower frequency-set -g performance");
    }

    static Optional<String> powerPlanWarning(String powercfgOutput) {
        String lower = powercfgOutput.toLowerCase(Locale.ROOT);
        if (FAST_PLANS.stream().anyMatch(lower::contains)) {
            return Optional.empty();
        }
        return Optional.of("the power plan is not High or Ultimate performance (" + powercfgOutput.trim()
                + "); for steady clocks: powercfg /setactive SCHEME_MIN");
    }
}
