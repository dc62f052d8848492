package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults in the process tree of a real run (benchmarks.jar -> JMH fork -> server), each caused on
 * purpose: nothing may hang and no server may survive. Killing is destroyForcibly (SIGKILL, or
 * Windows' TerminateProcess); only the Ctrl-C test needs kill(1) and is skipped on Windows.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunFaultsTest {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @Test
    void aKilledForkTakesItsServerWithItWithinFiveSeconds() throws Exception {
        Process run = longRun("SimpleCallBenchmark");
        ProcessHandle server = awaitServer(run);
        ProcessHandle fork = server.parent().orElseThrow();
        fork.destroyForcibly(); // SIGKILL: the fork runs no hook; the server sees its stdin close
        assertTrue(server.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).get() != null || !server.isAlive(),
                "server " + server.pid() + " outlived its killed fork by 5 s");
        run.waitFor(60, TimeUnit.SECONDS);
        assertNotEquals(0, run.exitValue(), "a run whose fork was killed must not succeed");
    }

    @Test
    void anInterruptedRunLeavesNoServer() throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "uses kill(1) to send SIGINT");
        Process run = longRun("SimpleCallBenchmark");
        ProcessHandle server = awaitServer(run);
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "the run did not stop on SIGINT");
        server.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(server.isAlive(), "server " + server.pid() + " survived Ctrl-C of the run");
    }

    @Test
    void aServerKilledMidIterationFailsTheRunNamingTheTransport() throws Exception {
        for (String benchmark : List.of("SimpleCallBenchmark", "StreamValuesBenchmark")) {
            Process run = longRun(benchmark);
            ProcessHandle server = awaitServer(run);
            Thread.sleep(1000); // into the measured iteration
            long killed = System.nanoTime();
            server.destroyForcibly();
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), benchmark + ": the run hung after its server died");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
            String log = Files.readString(dir.resolve(benchmark + ".log"));
            assertNotEquals(0, run.exitValue(), benchmark + ": a run whose server died must fail\n" + log);
            assertTrue(log.contains("tcp: "), benchmark + ": the failure must name the transport (\"tcp: ...\")\n" + log);
            assertTrue(seconds <= 30, benchmark + ": the failure took " + seconds + " s");
        }
    }

    /** Whatever a failed test left running is stopped, so no test leaves a process behind. */
    @AfterEach
    void stopEverything() {
        for (Process run : started) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    /** A run that would take minutes: one long measurement iteration over tcp, failing on error. */
    private Process longRun(String benchmark) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Drpcbench.wire=false", "-Djmh.ignoreLock=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                benchmark, "-p", "transport=tcp", "-f", "1", "-wi", "0", "-i", "1", "-r", "120s", "-foe", "true",
                "-rff", dir.resolve("faults.json").toString()));
        Process run = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(benchmark + ".log").toFile()).start();
        started.add(run);
        return run;
    }

    /**
     * The server process started under the run's fork, once it is up: the run's grandchild that
     * runs java (the JDK shows only the first 4 KB of a command line, too little to find ServerMain
     * in it; the fork's short-lived {@code taskset} that pins it is a grandchild too).
     */
    private static ProcessHandle awaitServer(Process run) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Optional<ProcessHandle> server = run.descendants()
                    .filter(p -> p.parent().map(parent -> parent.pid() != run.pid()).orElse(false))
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                    .findFirst();
            if (server.isPresent()) {
                Thread.sleep(500); // READY printed and first calls made
                return server.get();
            }
            assertTrue(run.isAlive(), "the run ended before its server started");
            Thread.sleep(100);
        }
        throw new AssertionError("no server process appeared within 60 s");
    }
}
