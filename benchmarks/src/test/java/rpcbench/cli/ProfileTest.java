package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;

class ProfileTest {

    @Test
    void smokeRunsEveryBenchmarkOnceWithSmallSizes() throws Exception {
        CommandLineOptions o = parse("--profile", "smoke");
        assertEquals(1, o.getForkCount().get());
        assertEquals(0, o.getWarmupIterations().get());
        assertEquals(1, o.getMeasurementIterations().get());
        assertEquals(TimeValue.milliseconds(200), o.getWarmupTime().get());
        assertEquals(TimeValue.milliseconds(200), o.getMeasurementTime().get());
        assertEquals(List.of("1024"), List.copyOf(o.getParameter("size").get()));
        assertEquals(List.of("200000"), List.copyOf(o.getParameter("fileSize").get()));
        assertEquals(List.of("16384"), List.copyOf(o.getParameter("chunkSize").get()));
        assertEquals(List.of("16"), List.copyOf(o.getParameter("inFlight").get()));
    }

    @Test
    void quickAndFullSetTheirIterations() throws Exception {
        CommandLineOptions quick = parse("--profile", "quick");
        assertEquals(2, quick.getWarmupIterations().get());
        assertEquals(3, quick.getMeasurementIterations().get());
        assertEquals(TimeValue.seconds(1), quick.getMeasurementTime().get());
        assertEquals(List.of("1024", "1048576"), List.copyOf(quick.getParameter("size").get()));
        CommandLineOptions full = parse("--profile", "full");
        assertEquals(3, full.getForkCount().get());
        assertEquals(5, full.getWarmupIterations().get());
        assertEquals(TimeValue.seconds(10), full.getWarmupTime().get());
        assertEquals(10, full.getMeasurementIterations().get());
        assertEquals(TimeValue.seconds(2), full.getMeasurementTime().get());
    }

    @Test
    void standardLeavesTheBenchmarksOwnDefaults() {
        Main m = Main.parse("--profile", "standard", "SimpleCall");
        assertEquals(Profile.STANDARD, m.profile);
        assertArrayEquals(new String[] {"SimpleCall"}, m.jmhArgs());
    }

    @Test
    void profileNamesAreCaseInsensitiveAsPowerShellUsersTypeThem() {
        assertEquals(Profile.QUICK, Main.parse("--profile", "Quick").profile);
    }

    @Test
    void explicitOptionsWinWhereverTheyStand() throws Exception {
        CommandLineOptions o = parse("-i", "5", "--profile", "smoke", "-p", "size=10", "-p", "transport=tcp");
        assertEquals(5, o.getMeasurementIterations().get());
        assertEquals(List.of("10"), List.copyOf(o.getParameter("size").get()));
        assertEquals(List.of("16384"), List.copyOf(o.getParameter("chunkSize").get()), "other -p keep the profile's");
        assertEquals(List.of("tcp"), List.copyOf(o.getParameter("transport").get()));
        assertEquals(0, o.getWarmupIterations().get());
    }

    @Test
    void withoutProfileNothingChanges() {
        String[] args = {"-f", "2", "SimpleCall"};
        Main m = Main.parse(args);
        assertNull(m.profile);
        assertArrayEquals(args, m.jmhArgs());
    }

    @Test
    void unknownOrMissingProfileNamesTheChoices() {
        for (String[] bad : new String[][] {{"--profile", "fast"}, {"--profile"}}) {
            CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                    () -> Main.parse(bad));
            assertTrue(e.getMessage().contains("--profile"), e.getMessage());
            if (bad.length == 2) {
                assertTrue(e.getMessage().contains("smoke, quick, standard, full"), e.getMessage());
            }
        }
    }

    private static CommandLineOptions parse(String... args) throws Exception {
        return new CommandLineOptions(Main.parse(args).jmhArgs());
    }
}
