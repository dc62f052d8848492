package rpcbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.Transports;
import rpcbench.server.ServerProcess;

/**
 * The open-loop record is corrected for coordinated omission: a server paused once for 200 ms
 * (SIGSTOP, then SIGCONT) during 5 s at 1000 calls/s leaves a corrected p99 above 100 ms (the
 * calls meant for the pause waited) and an uncorrected one far below it (measured from the late
 * send, they look fast). Against a real tcp server process; Linux signals, so not on Windows.
 */
class CoordinatedOmissionTest {

    private static final int RATE = 1000;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aPausedServerShowsInTheCorrectedLatencyAndNotInTheUncorrected() throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "uses SIGSTOP/SIGCONT");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (ServerProcess server = ServerProcess.start("tcp", rpcbench.api.RpcSettings.defaults());
             OpenLoop load = OpenLoop.open(Transports.byName("tcp"), server.endpoint(), 1, "uniform", 10_000, 10_000)) {
            schedule(load, 1); // warm-up: JIT and connection, not measured
            load.finish();

            load.start(RATE);
            long begin = System.nanoTime();
            boolean paused = false;
            while (System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(5)) {
                load.sendNext();
                if (!paused && System.nanoTime() - begin > TimeUnit.SECONDS.toNanos(2)) {
                    paused = true;
                    signal("STOP", server.pid());
                    timer.schedule(() -> signal("CONT", server.pid()), 200, TimeUnit.MILLISECONDS);
                }
            }
            OpenLoop.Iteration it = load.finish();

            assertEquals(0, it.failedCalls(), it.firstProblem());
            assertTrue(it.record().completed() >= 4 * RATE, "calls answered: " + it.record().completed());
            double corrected = it.record().corrected().getValueAtPercentile(99) / 1e6;
            double uncorrected = it.record().uncorrected().getValueAtPercentile(99) / 1e6;
            assertTrue(corrected > 100, "corrected p99 " + corrected + " ms");
            assertTrue(uncorrected < 20, "uncorrected p99 " + uncorrected + " ms");
        } finally {
            timer.shutdownNow();
        }
    }

    private static void schedule(OpenLoop load, int seconds) {
        load.start(RATE);
        for (int i = 0; i < RATE * seconds; i++) {
            load.sendNext();
        }
    }

    private static void signal(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + pid);
        } catch (Exception e) {
            throw new IllegalStateException("kill -" + name + " " + pid + " failed", e);
        }
    }
}
