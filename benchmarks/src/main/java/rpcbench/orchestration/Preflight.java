package rpcbench.orchestration;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import rpcbench.server.ServerMain;

/**
 * Warns ({@code preflight}), before measuring, about what would spoil the numbers: another rpc-bench
 * server still alive, a busy machine, CPU frequency scaling not set to performance (Linux), a
 * power plan other than High or Ultimate performance (Windows). Warnings only: exit code 0.
 */
public final class Preflight {

    /** Load average per core above which the machine counts as busy. */
    static final double BUSY_LOAD_PER_CORE = 0.5;
    /** High performance and Ultimate Performance: GUIDs are the same in every Windows language. */
    private static final Set<String> FAST_PLANS = Set.of("8c5e7fda-e8bf-4a96-9a85-a6e23a8c635c",
            "e9a42b02-d5df-448d-aa00-03f14749eb61");

    private Preflight() {
    }

    /** Prints the warnings (or that there are none); the exit code is always 0. */
    public static int run() {
        List<String> warnings = new ArrayList<>();
        warnings.addAll(serverWarnings());
        var os = ManagementFactory.getOperatingSystemMXBean();
        loadWarning(os.getSystemLoadAverage(), os.getAvailableProcessors()).ifPresent(warnings::add);
        governorWarning(Machine.governors(Path.of("/sys/devices/system/cpu"))).ifPresent(warnings::add);
        Machine.powerPlan().flatMap(Preflight::powerPlanWarning).ifPresent(warnings::add);
        warnings.forEach(w -> System.out.println("preflight: WARNING: " + w));
        if (warnings.isEmpty()) {
            System.out.println("preflight: no other rpc-bench server, machine idle, no power saving seen");
        }
        return 0;
    }

    /** One warning per rpc-bench server process alive on this machine (other than this JVM). */
    static List<String> serverWarnings() {
        List<String> warnings = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid() && isServer(p))
                .forEach(p -> warnings.add("another rpc-bench server is running (pid " + p.pid()
                        + "); it competes for the CPUs. Stop it unless it is the server this run uses."));
        return warnings;
    }

    /**
     * The JDK shows only the first 4 KB of a command line, and a server started from a build's
     * class path has a longer one, so on Linux the whole of /proc/PID/cmdline is read as well.
     */
    private static boolean isServer(ProcessHandle p) {
        String main = ServerMain.class.getName();
        if (p.info().commandLine().map(c -> c.contains(main)).orElse(false)) {
            return true;
        }
        return Machine.lines(Path.of("/proc", Long.toString(p.pid()), "cmdline")).stream()
                .anyMatch(l -> l.contains(main));
    }

    static Optional<String> loadWarning(double loadAverage, int cores) {
        if (loadAverage < 0 || loadAverage <= BUSY_LOAD_PER_CORE * cores) {
            return Optional.empty(); // below the line, or no load average (Windows)
        }
        return Optional.of(String.format(Locale.ROOT, "the machine is busy: load average %.2f on %d cores;"
                + " other work competes with the benchmark", loadAverage, cores));
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
