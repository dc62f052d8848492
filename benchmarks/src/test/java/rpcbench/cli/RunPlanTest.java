package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import picocli.CommandLine;

class RunPlanTest {

    @TempDir
    Path scratch;

    @Test
    void clientsAreTakenOffTheCommandLine() {
        Main m = Main.parse("SimpleCall", "--clients", "1,4,16,64,128", "-f", "1");
        assertEquals(List.of(1, 4, 16, 64, 128), m.clients);
        assertArrayEquals(new String[] {"SimpleCall", "-f", "1"}, m.jmhArgs());
    }

    @Test
    void impossibleClientCountsAreRefusedWithTheValidRange() {
        for (String bad : new String[] {"0", "-4", "x", "4,,8", "100000"}) {
            CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                    () -> Main.parse("--clients", bad));
            assertTrue(e.getMessage().contains("1.." + RunPlan.MAX_CLIENTS), e.getMessage());
        }
        assertThrows(CommandLine.ParameterException.class, () -> Main.parse("--clients"));
    }

    @Test
    void oneRunPerClientCountEachWithItsThreads() throws Exception {
        Options base = options("SimpleCallBenchmark", "-p", "transport=tcp");
        List<RunPlan.Run> runs = RunPlan.runs(base, List.of(1, 8), scratch);
        assertEquals(2, runs.size());
        assertEquals(1, runs.get(0).options().getThreads().get());
        assertEquals(8, runs.get(1).options().getThreads().get());
        assertTrue(Files.exists(runs.get(0).json()));
    }

    @Test
    void inFlightRunsOnlyOverTransportsWithAnAsyncApi() throws Exception {
        Options base = options("-p", "transport=tcp");
        List<RunPlan.Run> runs = RunPlan.runs(base, List.of(), scratch);
        // tcp has no async API: the one run excludes InFlightBenchmark
        assertEquals(1, runs.size());
        assertTrue(runs.get(0).options().getExcludes().stream().anyMatch(x -> x.contains("InFlightBenchmark")));
    }

    @Test
    void inFlightAloneOverTransportsWithoutAsyncApiIsRefusedWithTheReason() throws Exception {
        Options base = options("InFlightBenchmark", "-p", "transport=tcp");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunPlan.runs(base, List.of(), scratch));
        assertTrue(e.getMessage().contains("can run"), e.getMessage());
    }

    private static Options options(String... args) throws Exception {
        return BenchmarkRun.withDefaults(new CommandLineOptions(args), LocalDateTime.of(2026, 1, 1, 0, 0));
    }
}
