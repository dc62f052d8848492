package rpcbench.orchestration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import rpcbench.api.RpcSettings;
import rpcbench.remote.RemoteHost;
import rpcbench.server.ServerLaunch;

/**
 * The {@code placement} parameter of every benchmark: where the client (the JMH fork) and the
 * server run. On these 2-core machines a loopback round trip takes 5 to 20 us when both ends share
 * a core and 60 to 75 us when they do not, and an unpinned fork lands in either mode, so an
 * unpinned figure changes from run to run by more than any framework's difference.
 * <ul>
 * <li>{@code separate}: the fork pins every thread to the lower half of the CPUs it may use
 * ({@code taskset -a -p}) and starts its server under {@code taskset -c} on the upper half (on 2
 * cores: client on CPU 0, server on CPU 1);
 * <li>{@code shared}: both on the same CPUs;
 * <li>{@code os}: nothing pinned (or as the user's own taskset and server prefix have it).
 * </ul>
 * A run that names no placement gets {@code separate} where it can be done (Linux, 2 or more CPUs,
 * taskset, the server started by the fork itself) and {@code os} elsewhere; the result's
 * parameters say which.
 */
public final class CpuPinning {

    public static final String SEPARATE = "separate";
    public static final String SHARED = "shared";
    public static final String OS = "os";

    private CpuPinning() {
    }

    /** The placement of a run that names none, on this machine with these settings. */
    public static String defaultPlacement() {
        RpcSettings settings = RpcSettings.current();
        boolean ownServer = settings.get(ServerLaunch.ADDRESS) == null && settings.get(ServerLaunch.PREFIX).isEmpty()
                && settings.get(ServerLaunch.CPUS) == null; // the run's own --server-cpus places servers itself
        ownServer &= RemoteHost.of(settings) == null; // a remote server's CPUs are not this machine's
        try {
            return ownServer && allowedCpus().size() >= 2 && hasTaskset() ? SEPARATE : OS;
        } catch (IOException e) {
            return OS;
        }
    }

    /**
     * Places this fork and returns how its server is to be started: pins this JVM (all threads,
     * also those started later) and puts {@code taskset -c} in front of the server's command.
     *
     * @throws IllegalStateException when {@code placement} cannot be done on this machine
     */
    public static ServerLaunch place(ServerLaunch configured, String placement) throws IOException {
        if (placement.equals(OS)) {
            return configured;
        }
        if (!placement.equals(SEPARATE) && !placement.equals(SHARED)) {
            throw new IllegalArgumentException("-p placement=" + placement + " is not one of separate, shared, os");
        }
        List<Integer> cpus = allowedCpus();
        if (cpus.isEmpty() || (cpus.size() < 2 && placement.equals(SEPARATE)) || !hasTaskset()) {
            throw new IllegalStateException("placement=" + placement + " needs taskset (Linux) and "
                    + (placement.equals(SEPARATE) ? "2 or more CPUs" : "a known CPU set") + "; this fork may use "
                    + (cpus.isEmpty() ? "an unknown set of" : cpus.size()) + " CPU(s): use -p placement=os");
        }
        int half = placement.equals(SEPARATE) ? cpus.size() / 2 : cpus.size();
        String client = join(cpus.subList(0, half));
        String server = placement.equals(SEPARATE) ? join(cpus.subList(half, cpus.size())) : client;
        pinThisProcess(client);
        List<String> prefix = new ArrayList<>(List.of("taskset", "-c", server));
        prefix.addAll(configured.prefix());
        System.out.println("# rpc-bench: placement " + placement + ": client on CPU " + client + " (its JVM sized for "
                + Runtime.getRuntime().availableProcessors() + "), server on CPU " + server);
        return new ServerLaunch(configured.transport(), configured.bindAddress(), configured.port(),
                configured.jvmArgs(), prefix);
    }

    /**
     * JVM flags for the forks of a run whose placements are {@code placements}. A {@code separate} fork
     * pins itself to half the CPUs after its JVM has started, and that JVM had sized itself for all of
     * them (G1 instead of the serial collector, GC and compiler threads for 2 CPUs on 2 cores), unlike
     * a JVM started under taskset, as its server is and as the frameworks' own tools were in the
     * comparisons: {@code -XX:ActiveProcessorCount} makes it size itself for the CPUs it will have.
     * Measured (one sitting, against the same benchmarks started under taskset): without it an echo of
     * 1 KB took 1.17x (gRPC) and 1.19x (HTTP) as long, of 1 MB 1.05x to 1.18x; with it 0.84x to 1.01x.
     * Only for a run with one placement: JMH gives every fork the same flags.
     */
    public static List<String> forkJvmArgs(Collection<String> placements) throws IOException {
        List<Integer> cpus = allowedCpus();
        if (placements.size() != 1 || !placements.contains(SEPARATE) || cpus.size() < 2) {
            return List.of();
        }
        return List.of("-XX:ActiveProcessorCount=" + cpus.size() / 2);
    }

    /** The CPUs this process may run on (Linux's Cpus_allowed_list); empty when unknown. */
    public static List<Integer> allowedCpus() throws IOException {
        Path status = Path.of("/proc/self/status");
        List<Integer> cpus = new ArrayList<>();
        if (!Files.isReadable(status)) {
            return cpus;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("Cpus_allowed_list:")) {
                for (String part : line.substring(line.indexOf(':') + 1).trim().split(",")) {
                    String[] range = part.split("-");
                    int from = Integer.parseInt(range[0].trim());
                    int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                    for (int c = from; c <= to; c++) {
                        cpus.add(c);
                    }
                }
            }
        }
        return cpus;
    }

    private static boolean hasTaskset() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "taskset"))) {
                return true;
            }
        }
        return false;
    }

    /** Every thread of this JVM, and every thread it starts later, onto {@code cpus}. */
    private static void pinThisProcess(String cpus) throws IOException {
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).trim();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("taskset could not pin this JVM to CPU " + cpus + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pinning this JVM", e);
        }
    }

    private static String join(List<Integer> cpus) {
        return String.join(",", cpus.stream().map(String::valueOf).toList());
    }
}
