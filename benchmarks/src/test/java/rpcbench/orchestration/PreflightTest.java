package rpcbench.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import rpcbench.api.RpcSettings;
import rpcbench.cli.Main;
import rpcbench.server.ServerProcess;

class PreflightTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aLiveServerIsNamedByItsPid() throws Exception {
        try (ServerProcess server = ServerProcess.start("tcp", RpcSettings.defaults())) {
            List<String> warnings = Preflight.serverWarnings(Host.current());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("pid " + server.pid() + ")")), warnings.toString());
        }
    }

    /** Windows shows no other process's command line and has no /proc: the server's own announcement finds it. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void onWindowsALiveServerIsFoundByThePidItAnnounces() throws Exception {
        Host windows = FakeWindows.host(dir, 0.1, 3, "powercfg-en.txt", null);
        long pid;
        try (ServerProcess server = ServerProcess.start("tcp", RpcSettings.defaults())) {
            pid = server.pid();
            List<String> warnings = Preflight.serverWarnings(windows);
            assertTrue(warnings.contains("another rpc-bench tcp server is running (pid " + pid + "); it"
                    + " competes for the CPUs. Stop it unless it is the server this run uses."), warnings.toString());
        }
        // By its pid: another build's servers on this machine are announced too, rightly.
        assertTrue(Preflight.serverWarnings(windows).stream().noneMatch(w -> w.contains("(pid " + pid + ")")),
                "a stopped server is still announced");
    }

    @Test
    void onWindowsABusyMachineIsSeenByItsCpuLoadAndThePowerPlanByItsGuidInAnyLanguage() {
        List<String> busy = Preflight.warnings(FakeWindows.host(dir, 0.9, 3, "powercfg-fr-cp850.txt", null));
        assertTrue(busy.stream().anyMatch(w -> w.startsWith("the machine is busy: 90% of its")), busy.toString());
        assertTrue(busy.stream().noneMatch(w -> w.contains("power plan")), "French High performance: " + busy);
        List<String> balanced = Preflight.warnings(FakeWindows.host(dir, 0.1, 3, "powercfg-ru-cp866.txt", null));
        assertTrue(balanced.stream().noneMatch(w -> w.contains("busy")), balanced.toString());
        assertTrue(balanced.stream().anyMatch(w -> w.contains("power plan is not High")
                && w.contains("381b4222-f694-41f0-9685-ff5bb260df2e")), balanced.toString());
        assertEquals(Optional.empty(), Preflight.cpuLoadWarning(-1, 2)); // not measured
    }

    @Test
    void governorsOtherThanPerformanceAreWarnedAbout() throws Exception {
        governor("cpu0", "performance");
        assertEquals(Optional.empty(), Preflight.governorWarning(Machine.governors(dir)));
        governor("cpu1", "powersave");
        Files.createDirectories(dir.resolve("cpufreq")); // not a CPU: ignored
        String warning = Preflight.governorWarning(Machine.governors(dir)).orElseThrow();
        assertTrue(warning.contains("performance,powersave"), warning);
        assertEquals(new TreeSet<String>(), Machine.governors(dir.resolve("no-such-folder")));
    }

    @Test
    void onlyHighAndUltimatePerformancePlansPass() {
        assertEquals(Optional.empty(), Preflight.powerPlanWarning(
                "Power Scheme GUID: 8c5e7fda-e8bf-4a96-9a85-a6e23a8c635c  (High performance)"));
        assertEquals(Optional.empty(), Preflight.powerPlanWarning(
                "GUID du mode de gestion de l'alimentation : e9a42b02-d5df-448d-aa00-03f14749eb61  (Performances optimales)"));
        assertTrue(Preflight.powerPlanWarning(
                "Power Scheme GUID: 381b4222-f694-41f0-9685-ff5bb260df2e  (Balanced)").orElseThrow().contains("Balanced"));
    }

    @Test
    void loadAboveHalfTheCoresIsBusy() {
        assertEquals(Optional.empty(), Preflight.loadWarning(0.9, 2));
        assertEquals(Optional.empty(), Preflight.loadWarning(-1, 2)); // no load average (Windows)
        assertTrue(Preflight.loadWarning(1.5, 2).orElseThrow().contains("load average 1.50 on 2 cores"));
    }

    @Test
    void preflightNeverFailsButRefusesOptions() {
        assertEquals(0, Main.run("preflight"));
        assertEquals(2, Main.run("preflight", "--strict"));
    }

    @Test
    void theMachinesCpusComeFromLinuxsOnlineListOrItsCoreCount() throws Exception {
        Files.writeString(dir.resolve("online"), "0-3\n");
        Host host = Host.current();
        Host withSysfs = new Host(host.os(), host.proc(), dir, host.servers(), host.processes(), host.commandLine(),
                host.loadAverage(), host.cpuLoad(), host.cores(), host.pid());
        assertEquals("0-3", withSysfs.onlineCpus().text());
        assertFalse(FakeWindows.host(dir, 0, 3, "powercfg-en.txt", null).onlineCpus().text().isEmpty());
    }

    private void governor(String cpu, String name) throws Exception {
        Path f = dir.resolve(cpu).resolve("cpufreq").resolve("scaling_governor");
        Files.createDirectories(f.getParent());
        Files.writeString(f, name + "\n");
    }
}
