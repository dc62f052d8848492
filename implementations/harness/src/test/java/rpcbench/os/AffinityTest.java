package rpcbench.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AffinityTest {

    @Test
    void windowsPinsARunningProcessByPidThroughPowerShellAndChecksTheNewMask() throws IOException {
        FakeCommands ps = FakeCommands.printing("5");
        Affinity.pin(new Os(true, ps), 4242, CpuList.parse("0,2"));
        List<String> command = ps.ran().get(0);
        assertEquals(List.of("powershell.exe", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command"),
                command.subList(0, 5));
        assertTrue(command.get(5).contains("Get-Process -Id 4242;") && command.get(5).contains("[IntPtr][long]5;"),
                command.get(5));
    }

    @Test
    void whatWindowsRefusesIsOneLineWithItsOwnWords() {
        FakeCommands refusing = new FakeCommands(c -> FakeCommands.failing(1,
                "Exception setting \"ProcessorAffinity\": \"The parameter is incorrect.\"\r\nAt line:1 char:30"));
        IOException e = assertThrows(IOException.class, () -> Affinity.pin(new Os(true, refusing), 7, CpuList.parse("3")));
        assertEquals("cannot pin process 7 to CPUs 3: Exception setting \"ProcessorAffinity\": \"The parameter is"
                + " incorrect.\"", e.getMessage());
        IOException wrongMask = assertThrows(IOException.class,
                () -> Affinity.pin(new Os(true, FakeCommands.printing("3")), 7, CpuList.parse("0")));
        assertTrue(wrongMask.getMessage().contains("its mask is now '3'"), wrongMask.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> Affinity.pin(new Os(true, new FakeCommands(c -> null)), 7, CpuList.parse("0")));
        assertTrue(missing.getMessage().contains("Windows PowerShell"), missing.getMessage());
    }

    @Test
    void cpusBeyondOneProcessorGroupAreRefusedBeforePowerShellStarts() {
        FakeCommands ps = FakeCommands.printing("1");
        assertThrows(IllegalArgumentException.class, () -> Affinity.pin(new Os(true, ps), 7, CpuList.parse("64")));
        assertEquals(List.of(), ps.ran());
    }

    @Test
    void linuxPinsEveryThreadWithTaskset() throws IOException {
        FakeCommands taskset = FakeCommands.printing("pid 7's new affinity list: 1");
        Affinity.pin(new Os(false, taskset), 7, CpuList.parse("1"));
        assertEquals(List.of("taskset", "-a", "-p", "-c", "1", "7"), taskset.ran().get(0));
        assertEquals(List.of("taskset", "-c", "0,2"), Affinity.prefix(CpuList.parse("0,2")));
    }

    @Test
    void windowsTellsTheMaskOfAProcess() {
        assertEquals(Optional.of(CpuList.parse("0-1")), Affinity.windowsAffinity(FakeCommands.printing("3\r\n"), 9));
        assertEquals(Optional.empty(), Affinity.windowsAffinity(FakeCommands.printing("not a number"), 9));
    }

    /** Linux only: taskset, and /proc to read the result. */
    @Test
    void aRealProcessIsPinnedWithAllItsThreads() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "reads /proc");
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two CPUs");
        Os os = Os.current();
        Assumptions.assumeTrue(!os.windows() && hasTaskset(os), "needs taskset");
        Process sleeper = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Sleeper.class.getName()).start();
        try {
            Affinity.pin(os, sleeper.pid(), CpuList.parse("1"));
            for (Path task : Files.list(Path.of("/proc", Long.toString(sleeper.pid()), "task")).toList()) {
                String status = Files.readString(task.resolve("status"));
                assertTrue(status.contains("Cpus_allowed_list:\t1\n"), task + ": " + status);
            }
        } finally {
            sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean hasTaskset(Os os) {
        try {
            return os.commands().run(List.of("taskset", "--version")).ok();
        } catch (IOException e) {
            return false;
        }
    }

    /** A JVM with its usual threads, waiting to be killed. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }
}
