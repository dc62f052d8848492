package rpcbench.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import rpcbench.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import rpcbench.api.RpcSettings;
import rpcbench.server.ServerProcess;

class PreflightTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aLiveServerIsNamedByItsPid() throws Exception {
        try (ServerProcess server = ServerProcess.start("tcp", RpcSettings.defaults())) {
            assertTrue(Preflight.serverWarnings().stream().anyMatch(w -> w.contains("pid " + server.pid() + ")")),
                    Preflight.serverWarnings().toString());
        }
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

    private void governor(String cpu, String name) throws Exception {
        Path f = dir.resolve(cpu).resolve("cpufreq").resolve("scaling_governor");
        Files.createDirectories(f.getParent());
        Files.writeString(f, name + "\n");
    }
}
