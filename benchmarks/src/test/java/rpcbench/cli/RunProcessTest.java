package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import rpcbench.orchestration.RunRequest;

/**
 * {@code benchmarks.jar run} as the scripts start it, in its own process, with real benchmark JVMs,
 * forks and servers: the results folder, console.log in UTF-8, the exit code of a failed run, the
 * arguments handed over by the Windows wrappers, CPU placement, and no process left when the run is
 * killed. Only the placement test needs Linux (taskset, /proc) and only the Ctrl-C test needs
 * kill(1); each says so.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RunProcessTest {

    /** Tests check behaviour, not speed: another JMH run on the machine must not block them. */
    private static final String IGNORE_LOCK = "-Djmh.ignoreLock=true";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void aSmokeRunFillsItsFolderAndLogsInUtf8() throws Exception {
        Path out = dir.resolve("smoke");
        String log = run(0, "--profile", "smoke", "--benchmarks", "SimpleCallBenchmark", "--transports", "tcp",
                "--out", out.toString(), "--client-jvm-args", IGNORE_LOCK);
        for (String f : List.of("results.json", "results-wire.json", "env.json", "console.log", "benchmark.args",
                "report/report.html", "report/report.md")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f + " missing in " + out + "\n" + log);
        }
        assertFalse(Files.exists(RunRequest.serverLogs(out)), "a clean run keeps no server log");
        byte[] console = Files.readAllBytes(out.resolve("console.log"));
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(console)).toString(); // throws when not UTF-8
        assertTrue(text.contains("±") && text.contains("preflight: ") && text.contains("env: wrote"), text);
        assertTrue(text.strip().endsWith("run: results in " + out + " (exit code 0)"), text);
        JsonNode env = new ObjectMapper().readTree(out.resolve("env.json").toFile());
        assertEquals("smoke", env.at("/options/profile").asText());
        assertEquals("tcp", env.at("/options/transports").asText());
    }

    @Test
    void aFailedRunExitsOneAndKeepsItsLogAndTheServerLog() throws Exception {
        Path out = dir.resolve("failed");
        String log = run(1, "--profile", "smoke", "--benchmarks", "SimpleCallBenchmark", "--transports", "tcp",
                "--out", out.toString(), "--client-jvm-args", IGNORE_LOCK, "--server-jvm-args", "-XX:+NoSuchFlagHere",
                "--", "-foe", "true");
        assertTrue(log.contains("NoSuchFlagHere") && log.contains("(exit code 1)"), log);
        assertTrue(Files.readString(out.resolve("console.log")).contains("(exit code 1)"));
        try (var logs = Files.list(RunRequest.serverLogs(out))) {
            assertTrue(logs.findAny().isPresent(), "the failed server's log was not kept in the results folder");
        }
    }

    /** run-bench.ps1 and run-bench.cmd hand their arguments over in environment variables. */
    @Test
    void theWindowsWrappersArgumentsArriveWhole() throws Exception {
        // Windows allows no quote in a file name: there the folder has spaces only.
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        Path out = dir.resolve(windows ? "a folder with spaces" : "a folder\\with \"quotes\"");
        String cmdline = "-Profile Smoke -Transports tcp -ClientJvmArgs \"-Xmx256m -Dx.y=\\\"a b\\\"\" -Out \""
                + out.toString().replace("\"", "\\\"") + "\" -DryRun";
        Process p = MainProcess.start(dir, List.of(), Map.of("RPCBENCH_ARGS", "--cmdline-env\u001FRPCBENCH_CMDLINE",
                "RPCBENCH_CMDLINE", cmdline), "run", "--args-env", "RPCBENCH_ARGS");
        started.add(p);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("run: results folder " + out), output);
        assertTrue(output.contains("\"-Xmx256m\"\n\"-Dx.y=a b\"\n"), output);
        assertTrue(output.contains("\"--profile\"") && output.contains("\"smoke\""), output);
    }

    /**
     * A killed run (SIGKILL on Linux, TerminateProcess on Windows: no hook runs) takes its benchmark
     * JVM, the fork and the server with it. On Linux with taskset and two CPUs it first checks where
     * each runs: the benchmark JVM and its fork on the client CPU, the server on its own.
     */
    @Test
    void aKilledRunLeavesNothingAndPinnedProcessesRunWhereTheyWereAsked() throws Exception {
        boolean place = Files.isReadable(Path.of("/proc/self/status")) && Runtime.getRuntime().availableProcessors() >= 2
                && Files.isExecutable(Path.of("/usr/bin/taskset"));
        List<String> args = new ArrayList<>(List.of("run", "--benchmarks", "SimpleCallBenchmark", "--transports", "tcp",
                "--out", dir.resolve("killed").toString(), "--client-jvm-args", IGNORE_LOCK));
        if (place) {
            args.addAll(List.of("--client-cpus", "0", "--server-cpus", "1"));
        }
        args.addAll(List.of("--", "-f", "1", "-wi", "0", "-i", "1", "-r", "120s"));
        Process run = MainProcess.start(dir, List.of(), args.toArray(String[]::new));
        started.add(run);
        ProcessHandle server = awaitDescendant(run, 3);
        ProcessHandle jvm = server.parent().flatMap(ProcessHandle::parent).orElseThrow();
        ProcessHandle fork = server.parent().orElseThrow();
        if (place) {
            assertEquals("0", cpusAllowed(jvm), "benchmark JVM");
            assertEquals("0", cpusAllowed(fork), "fork");
            assertEquals("1", cpusAllowed(server), "server");
        }
        run.destroyForcibly();
        for (ProcessHandle p : List.of(jvm, fork, server)) {
            assertTrue(p.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).get() != null || !p.isAlive(),
                    "process " + p.pid() + " outlived the killed run by 30 s");
        }
    }

    @Test
    void ctrlCStopsTheRunItsJvmAndItsServer() throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "uses kill(1) to send SIGINT");
        Process run = MainProcess.start(dir, List.of(), "run", "--benchmarks", "SimpleCallBenchmark", "--transports",
                "tcp", "--out", dir.resolve("interrupted").toString(), "--client-jvm-args", IGNORE_LOCK,
                "--", "-f", "1", "-wi", "0", "-i", "1", "-r", "120s");
        started.add(run);
        ProcessHandle server = awaitDescendant(run, 3);
        ProcessHandle jvm = server.parent().flatMap(ProcessHandle::parent).orElseThrow();
        // The terminal sends SIGINT to the whole foreground group: the run and its benchmark JVM.
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid()), Long.toString(jvm.pid())).start().waitFor();
        assertTrue(run.waitFor(40, TimeUnit.SECONDS), "the run did not stop on SIGINT");
        assertNotEquals(0, run.exitValue());
        server.onExit().get(10, TimeUnit.SECONDS);
        assertTrue(Files.readString(dir.resolve("interrupted").resolve("console.log")).contains("# JMH version"),
                "console.log lost what the benchmark JVM printed");
    }

    /** Runs {@code run ARGS} to its end; checks the exit code and returns the output. */
    private String run(int expectedExit, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        Process p = MainProcess.start(dir, List.of(), all.toArray(String[]::new));
        started.add(p);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not finish");
        assertEquals(expectedExit, p.exitValue(), output);
        return output;
    }

    /**
     * The first JVM {@code depth} generations below {@code root} (3: run, benchmark JVM, fork, server). Only a
     * JVM counts: the fork also starts a short-lived {@code taskset} to pin itself, at the same depth.
     */
    private static ProcessHandle awaitDescendant(Process root, int depth) throws InterruptedException {
        for (int i = 0; i < 900; i++) {
            Optional<ProcessHandle> found = root.descendants()
                    .filter(p -> generation(root, p) == depth && isJvm(p)).findFirst();
            if (found.isPresent()) {
                Thread.sleep(500); // READY printed, calls started
                return found.get();
            }
            assertTrue(root.isAlive(), "the run ended before its server started");
            Thread.sleep(100);
        }
        throw new AssertionError("no process " + depth + " generations down within 90 s");
    }

    private static boolean isJvm(ProcessHandle p) {
        return p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("java")).orElse(false);
    }

    private static int generation(Process root, ProcessHandle p) {
        int n = 0;
        Optional<ProcessHandle> at = Optional.of(p);
        while (at.isPresent() && at.get().pid() != root.pid()) {
            n++;
            at = at.get().parent();
        }
        return at.isPresent() ? n : -1;
    }

    /** Linux's Cpus_allowed_list of a process. */
    private static String cpusAllowed(ProcessHandle p) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new AssertionError("no Cpus_allowed_list for " + p.pid());
    }
}
