package rpcbench.bench;

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

class RunPlanTest {

    @TempDir
    Path scratch;

    @Test
    void clientsAreTakenOffTheCommandLine() {
        RunPlan.Args args = RunPlan.parse(new String[] {"SimpleCall", "--clients", "1,4,16,64,128", "-f", "1"});
        assertEquals(List.of(1, 4, 16, 64, 128), args.clients());
        assertArrayEquals(new String[] {"SimpleCall", "-f", "1"}, args.jmh());
    }

    @Test
    void impossibleClientCountsAreRefusedWithTheValidRange() {
        for (String bad : new String[] {"0", "-4", "x", "4,,8", "100000"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RunPlan.parse(new String[] {"--clients", bad}));
            assertTrue(e.getMessage().contains("1.." + RunPlan.MAX_CLIENTS), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RunPlan.parse(new String[] {"--clients"}));
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
        assertTrue(e.getMessage().contains("can keep calls in flight"), e.getMessage());
    }

    private static Options options(String... args) throws Exception {
        return Main.withDefaults(new CommandLineOptions(args), LocalDateTime.of(2026, 1, 1, 0, 0));
    }
}
