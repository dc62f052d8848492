package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.Transports;

/** -p serverMode, -p serverProcesses and -p work are checked before anything runs, per transport, in one line. */
class ServerModeParamTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 1, 0, 0);
    private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= ServerMode.VIRTUAL_THREADS_JDK;

    @Test
    void aNamedTransportWithoutTheModeFailsTheRunNamingItsModes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkRun.withDefaults(
                new CommandLineOptions("-p", "transport=tcp,rmi", "-p", "serverMode=selector"), NOW));
        assertEquals("rmi has no server mode 'selector' (valid: default (= rmi), rmi)", e.getMessage());
    }

    @Test
    void transportsTheRunChoseItselfAreLeftOutWhenTheyLackTheMode() throws Exception {
        List<String> run = List.copyOf(BenchmarkRun.withDefaults(new CommandLineOptions("-p", "serverMode=default,workers"),
                NOW).getParameter("transport").get());
        assertEquals(List.of("zeromq"), run);
    }

    @Test
    void virtualThreadModesNeedJdk21() {
        List<String> all = Transports.names();
        if (VIRTUAL_THREADS) {
            assertEquals(List.of("tcp", "http"), RunChecks.withServerModes(all, List.of("virtual"), List.of(), false,
                    RpcSettings.defaults()));
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RunChecks.withServerModes(all, List.of("virtual"), List.of(), false, RpcSettings.defaults()));
            assertTrue(e.getMessage().contains("tcp server mode 'virtual' needs JDK 21 or later (virtual threads); this"
                    + " JVM is JDK " + Runtime.version().feature()), e.getMessage());
        }
    }

    @Test
    void theServerSideSettingsAreRefusedOnABenchmarkRun() {
        RpcSettings given = RpcSettings.of(Map.of(ServerWork.MICROS.name(), "100"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunChecks.withServerModes(List.of("tcp"), List.of(), List.of(), true, given));
        assertTrue(e.getMessage().contains("give the parameter instead"), e.getMessage());
    }

    @Test
    void severalServerProcessesRunOnlyWhereTheServerCanShareItsPort() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkRun.withDefaults(
                new CommandLineOptions("-p", "transport=tcp,rmi", "-p", "serverProcesses=1,2"), NOW));
        assertEquals("serverProcesses=2: rmi's server cannot share its port with other processes; transports that can:"
                + " tcp, grpc, http", e.getMessage());
        List<String> run = List.copyOf(BenchmarkRun.withDefaults(new CommandLineOptions("-p", "serverProcesses=2"),
                NOW).getParameter("transport").get());
        assertEquals(List.of("tcp", "grpc", "http"), run);
        e = assertThrows(IllegalArgumentException.class, () -> BenchmarkRun.withDefaults(
                new CommandLineOptions("-p", "serverProcesses=0"), NOW));
        assertTrue(e.getMessage().contains("-p serverProcesses=0 is outside 1..16 processes"), e.getMessage());
    }

    @Test
    void workOutsideItsRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkRun.withDefaults(new CommandLineOptions("-p", "work=-1"), NOW));
        assertTrue(e.getMessage().contains("-p work=-1 is outside 0..1000000 us"), e.getMessage());
    }
}
