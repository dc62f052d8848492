package rpcbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import rpcbench.server.ServerLaunch;

/**
 * The server of the open-loop load benchmarks, placed so that "per server core" means what it
 * says: with {@code placement=separate} (the default) this JMH fork, the load generator, is pinned
 * to the first half of the CPUs it may use and the server to the other half (on 2 cores: client on
 * CPU 0, server on CPU 1), with {@code taskset}. {@code shared} pins both to the same CPUs;
 * {@code os} pins nothing and leaves placement to the OS (or to the user's own taskset or server
 * prefix). The placement is a parameter, so every result carries it.
 */
@State(Scope.Benchmark)
public class LoadServer extends ServerFixture {

    @Param({"separate"})
    public String placement;

    @Override
    protected ServerLaunch launch(ServerLaunch configured) throws IOException {
        if (placement.equals("os")) {
            return configured;
        }
        if (!placement.equals("separate") && !placement.equals("shared")) {
            throw new IllegalArgumentException("-p placement=" + placement + " is not one of separate, shared, os");
        }
        List<Integer> cpus = allowedCpus();
        if (cpus.size() < 2 && placement.equals("separate")) {
            throw new IllegalStateException("placement=separate needs 2 or more CPUs and taskset (Linux); this fork"
                    + " may use " + (cpus.isEmpty() ? "an unknown set of" : cpus.size()) + " CPU(s): use -p placement=os");
        }
        int half = placement.equals("separate") ? cpus.size() / 2 : cpus.size();
        String client = join(cpus.subList(0, half));
        String server = placement.equals("separate") ? join(cpus.subList(half, cpus.size())) : client;
        pinThisProcess(client);
        List<String> prefix = new ArrayList<>(List.of("taskset", "-c", server));
        prefix.addAll(configured.prefix());
        System.out.println("# rpc-bench: placement " + placement + ": load generator on CPU " + client + ", server on CPU "
                + server);
        return new ServerLaunch(configured.transport(), configured.bindAddress(), configured.port(),
                configured.jvmArgs(), prefix);
    }

    /** The CPUs this process may run on (Linux's Cpus_allowed_list); empty when unknown. */
    static List<Integer> allowedCpus() throws IOException {
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

    /** Every thread of this JVM, and every thread it starts later, onto {@code cpus}. */
    private static void pinThisProcess(String cpus) throws IOException {
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).trim();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("taskset could not pin the load generator to CPU " + cpus + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pinning the load generator", e);
        }
    }

    private static String join(List<Integer> cpus) {
        return String.join(",", cpus.stream().map(String::valueOf).toList());
    }
}
