package rpcbench.orchestration;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import rpcbench.os.Affinity;
import rpcbench.os.Commands;
import rpcbench.os.ConsoleText;
import rpcbench.os.CpuList;

/**
 * What a machine tells about itself, read the same way by {@code env}, {@code preflight} and
 * {@code run}. Every probe answers "unknown" (or empty) where the OS does not tell, never fails.
 */
final class Machine {

    static final String UNKNOWN = "unknown";

    private Machine() {
    }

    /** The CPU model: /proc/cpuinfo's "model name", or PROCESSOR_IDENTIFIER on Windows. */
    static String cpuModel(Host host) {
        String windows = System.getenv("PROCESSOR_IDENTIFIER");
        if (windows != null && !windows.isBlank()) {
            return windows.trim();
        }
        for (String line : lines(host.proc().resolve("cpuinfo"))) {
            if (line.startsWith("model name") && line.indexOf(':') > 0) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return UNKNOWN;
    }

    /**
     * The CPUs this process may run on, written {@code 0-1}: Linux's Cpus_allowed_list, Windows'
     * affinity mask of this process (through PowerShell); unknown where neither answers.
     */
    static String cpusAllowed(Host host) {
        if (host.windows()) {
            return Affinity.windowsAffinity(host.os().commands(), host.pid()).map(CpuList::text).orElse(UNKNOWN);
        }
        for (String line : lines(host.proc().resolve("self").resolve("status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return UNKNOWN;
    }

    /** The machine's CPUs that exist: Linux's online list, or 0..cores-1; null when it cannot tell. */
    static CpuList onlineCpus(Host host) {
        List<String> online = lines(host.cpuSysfs().resolve("online"));
        try {
            return online.isEmpty() ? CpuList.parse("0-" + (host.cores() - 1)) : CpuList.parse(online.get(0).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static long totalMemoryBytes() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getTotalMemorySize();
    }

    /** The distinct frequency governors under {@code cpuRoot} (/sys/devices/system/cpu); empty if none. */
    static TreeSet<String> governors(Path cpuRoot) {
        TreeSet<String> found = new TreeSet<>();
        try (Stream<Path> cpus = Files.list(cpuRoot)) {
            cpus.filter(p -> p.getFileName().toString().matches("cpu\\d+"))
                    .map(p -> p.resolve("cpufreq").resolve("scaling_governor"))
                    .forEach(f -> lines(f).stream().findFirst().ifPresent(g -> found.add(g.trim())));
        } catch (IOException | RuntimeException e) {
            // no cpufreq on this machine (VMs, containers, Windows): nothing to tell
        }
        return found;
    }

    /**
     * {@code powercfg /getactivescheme}'s answer on Windows, decoded from the console's code page
     * (a French or Russian Windows used to lose it to strict UTF-8); empty elsewhere or when it fails.
     */
    static Optional<String> powerPlan(Host host) {
        return host.windows() ? output(host.os().commands(), "powercfg", "/getactivescheme") : Optional.empty();
    }

    /** A command's trimmed stdout when it exits 0 within seconds; empty otherwise. */
    static Optional<String> output(Commands commands, String... command) {
        try {
            Commands.Result r = commands.run(Arrays.asList(command));
            String text = ConsoleText.ofTool(r.out()).trim();
            return r.ok() && !text.isEmpty() ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not installed
        }
    }

    /** A file's lines, or none when it cannot be read. */
    static List<String> lines(Path file) {
        try {
            return ConsoleText.ofJvmLines(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
