package rpcbench.orchestration;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What this machine tells about itself, read the same way by {@code env} and {@code preflight}.
 * Every probe answers "unknown" (or empty) where the OS does not tell, never fails.
 */
final class Machine {

    static final String UNKNOWN = "unknown";
    private static final long COMMAND_TIMEOUT_SECONDS = 10;

    private Machine() {
    }

    static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }

    /** The CPU model: /proc/cpuinfo's "model name", or PROCESSOR_IDENTIFIER on Windows. */
    static String cpuModel() {
        String windows = System.getenv("PROCESSOR_IDENTIFIER");
        if (windows != null && !windows.isBlank()) {
            return windows.trim();
        }
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name") && line.indexOf(':') > 0) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return UNKNOWN;
    }

    /** The CPUs this process may run on (Linux: Cpus_allowed_list, e.g. {@code 0-1}), or unknown. */
    static String cpusAllowed() {
        for (String line : lines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return UNKNOWN;
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

    /** {@code powercfg /getactivescheme}'s answer on Windows; empty elsewhere or when it fails. */
    static Optional<String> powerPlan() {
        return isWindows() ? output("powercfg", "/getactivescheme") : Optional.empty();
    }

    /** A command's trimmed stdout when it exits 0 within seconds; empty otherwise. */
    static Optional<String> output(String... command) {
        Path out = null;
        try {
            // stdout to a file, not a pipe: a command that hangs cannot block us past the timeout
            out = Files.createTempFile("rpcbench-probe-", ".txt");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String text = Files.readString(out, StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && !text.isEmpty() ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }

    /** A file's lines, or none when it cannot be read. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
