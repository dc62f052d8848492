package rpcbench.orchestration;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import rpcbench.os.Affinity;
import rpcbench.report.Reports;

/**
 * What {@code benchmarks.jar run} does once its options are checked: pins itself to the client
 * CPUs (the benchmark JVM it starts inherits them), fills the results folder with console.log
 * (UTF-8), the preflight's warnings, env.json, the benchmark JVM's argument file and its results
 * (JMH JSON, bytes on the wire), then the report; the exit code is the benchmark JVM's, or the
 * report's when the run passed. The benchmark JVM is a separate java process with the client's
 * JVM flags; it ends when this process ends, however that happens.
 */
public final class Run {

    /** Environment variables that carry the wrappers' arguments; the benchmark JVM does not need them. */
    static final List<String> WRAPPER_VARIABLES = List.of("RPCBENCH_ARGS", "RPCBENCH_CMDLINE");
    private static final long CHILD_GRACE_SECONDS = 20;

    private Run() {
    }

    /** Runs {@code request} on {@code host}; returns the exit code. */
    public static int run(RunRequest request, Host host) {
        List<String> command = command(request);
        if (request.dryRun()) {
            return dryRun(request, host, command);
        }
        if (request.clientCpus() != null) {
            try {
                Affinity.pin(host.os(), host.pid(), request.clientCpus());
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("run: " + e.getMessage());
                return 2;
            }
        }
        Path out = request.out();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            System.err.println("run: cannot create the results folder " + out + ": " + e.getMessage());
            return 1;
        }
        try (ConsoleLog log = ConsoleLog.start(out.resolve("console.log"))) {
            return measure(request, host, command, log);
        } catch (IOException e) {
            System.err.println("run: " + out + ": " + e.getMessage());
            return 1;
        }
    }

    private static int measure(RunRequest request, Host host, List<String> command, ConsoleLog log) throws IOException {
        Path out = request.out();
        System.out.println("run: results in " + out);
        if (request.clientCpus() != null) {
            System.out.println("run: pinned to CPUs " + request.clientCpus() + "; the benchmark JVM, its forks and"
                    + " servers not pinned apart inherit them");
        }
        Preflight.run(host);
        Environment.write(out.resolve("env.json"), request.options(), host);
        Path argFile = out.resolve("benchmark.args");
        try {
            ArgFile.write(argFile, command.subList(1, command.size()));
        } catch (CharacterCodingException e) {
            System.err.println("run: an argument holds a character that java's launcher here cannot read (this"
                    + " platform's charset is " + ArgFile.launcherCharset() + "): " + e);
            return 2;
        }
        System.out.println("run: starting the benchmark JVM: " + command.get(0) + " @" + argFile);
        int exit = benchmarkJvm(List.of(command.get(0), "@" + argFile), log);
        Path results = RunRequest.results(out);
        if (Files.isRegularFile(results) && Files.size(results) > 0) {
            List<Path> baselines = request.baseline() == null ? List.of() : List.of(request.baseline());
            int report = Reports.report(List.of(results), baselines, out.resolve("report"));
            exit = exit == 0 ? report : exit;
        }
        deleteIfEmpty(RunRequest.serverLogs(out));
        System.out.println("run: results in " + out + " (exit code " + exit + ")");
        return exit;
    }

    /** The benchmark JVM's command: this JVM's java, then its flags and command line. */
    static List<String> command(RunRequest request) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(request.jvmArgs());
        command.addAll(request.mainArgs());
        return command;
    }

    /**
     * Starts the benchmark JVM, copies its output into the log until it ends, and returns its exit
     * code. On Ctrl-C the JVM got the signal too (one console, one process group): it is given time
     * to stop its forks and servers, then killed.
     */
    private static int benchmarkJvm(List<String> command, ConsoleLog log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.INHERIT);
        WRAPPER_VARIABLES.forEach(builder.environment()::remove);
        Process jvm = builder.start();
        CountDownLatch copied = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            try {
                if (!jvm.waitFor(CHILD_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    jvm.descendants().forEach(ProcessHandle::destroyForcibly);
                    jvm.destroyForcibly();
                }
                copied.await(5, TimeUnit.SECONDS); // its last lines into console.log
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rpcbench-run-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            try {
                log.copy(jvm.getInputStream());
            } finally {
                System.out.flush();
                copied.countDown();
            }
            return jvm.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jvm.destroyForcibly();
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // shutting down already: the hook runs
            }
        }
    }

    private static int dryRun(RunRequest request, Host host, List<String> command) {
        System.out.println("run: dry run, nothing is started or written");
        System.out.println("run: results folder " + request.out());
        if (request.clientCpus() != null) {
            System.out.println("run: would pin this process (pid " + host.pid() + ") to CPUs " + request.clientCpus()
                    + (host.windows() ? " through PowerShell" : " with taskset"));
        }
        System.out.println("run: would start " + command.get(0) + " @" + request.out().resolve("benchmark.args")
                + ", which would hold:");
        System.out.print(ArgFile.format(command.subList(1, command.size())));
        return 0;
    }

    private static void deleteIfEmpty(Path folder) {
        try (var entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(folder);
            }
        } catch (IOException e) {
            // not there (no server started) or not empty: kept
        }
    }
}
