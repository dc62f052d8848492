package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

import rpcbench.api.Transports;
import rpcbench.orchestration.CpuPinning;

class MainTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 22, 9, 5, 7);

    @Test
    void withoutArgumentsEveryTransportAndATimestampedJsonFile() throws Exception {
        Options options = BenchmarkRun.withDefaults(new CommandLineOptions(), NOW);
        assertEquals(Transports.names(), List.copyOf(options.getParameter("transport").get()));
        assertTrue(Transports.names().contains("tcp"));
        assertEquals(ResultFormatType.JSON, options.getResultFormat().get());
        assertEquals("rpcbench-20261122-090507.json", options.getResult().get());
    }

    @Test
    void jmhOptionsPassThroughUnchanged() throws Exception {
        Options options = BenchmarkRun.withDefaults(new CommandLineOptions("-p", "transport=tcp", "-f", "3", "-wi", "2",
                "-i", "4", "-t", "8", "-rf", "csv", "-rff", "out.csv", "SimpleCall"), NOW);
        assertEquals(List.of("tcp"), List.copyOf(options.getParameter("transport").get()));
        assertEquals(3, options.getForkCount().get());
        assertEquals(2, options.getWarmupIterations().get());
        assertEquals(4, options.getMeasurementIterations().get());
        assertEquals(8, options.getThreads().get());
        assertEquals(ResultFormatType.CSV, options.getResultFormat().get());
        assertEquals("out.csv", options.getResult().get());
        assertEquals(List.of("SimpleCall"), options.getIncludes());
    }

    /**
     * A separate fork's JVM is sized for the CPUs it pins itself to (see CpuPinning.forkJvmArgs); a run
     * with another or several placements, or with the user's own count, is left as it is.
     */
    @Test
    void aSeparateForkIsSizedForItsHalfOfTheCpus() throws Exception {
        List<Integer> cpus = CpuPinning.allowedCpus();
        Assumptions.assumeTrue(cpus.size() >= 2, "needs a CPU list with 2 or more CPUs (Linux)");
        String flag = "-XX:ActiveProcessorCount=" + cpus.size() / 2;
        assertTrue(forkFlags("-p", "placement=separate").contains(flag));
        assertFalse(forkFlags("-p", "placement=os").stream().anyMatch(a -> a.startsWith("-XX:ActiveProcessorCount")));
        assertFalse(forkFlags("-p", "placement=separate,os").stream()
                .anyMatch(a -> a.startsWith("-XX:ActiveProcessorCount")));
        assertEquals(List.of("-XX:ActiveProcessorCount=2"),
                forkFlags("-p", "placement=separate", "-jvmArgsAppend", "-XX:ActiveProcessorCount=2").stream()
                        .filter(a -> a.startsWith("-XX:ActiveProcessorCount")).toList());
    }

    private static List<String> forkFlags(String... args) throws Exception {
        return List.copyOf(BenchmarkRun.withDefaults(new CommandLineOptions(args), NOW).getJvmArgsAppend().get());
    }

    @Test
    void unknownTransportNamesTheValidChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkRun.withDefaults(new CommandLineOptions("-p", "transport=tcp,carrier-pigeon"), NOW));
        assertTrue(e.getMessage().contains("unknown transport 'carrier-pigeon'"), e.getMessage());
        assertTrue(e.getMessage().contains("valid choices: tcp"), e.getMessage());
    }

    @Test
    void aCodecATransportCannotCarryIsRefusedInOneLineBeforeTheRun() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkRun.withDefaults(
                new CommandLineOptions("-p", "transport=tcp,rmi", "-p", "codec=json", "MessageBenchmark"), NOW));
        assertEquals("-p codec=json: rmi cannot carry messages as json (valid choices for rmi: java); natural is the"
                + " transport's own", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchmarkRun.withDefaults(
                new CommandLineOptions("-p", "codec=yaml", "CodecBenchmark"), NOW));
        // The byte transports take every codec; a run without MessageBenchmark does not care.
        BenchmarkRun.withDefaults(new CommandLineOptions("-p", "transport=tcp,zeromq,websocket", "-p",
                "codec=protobuf,json,msgpack,java", "MessageBenchmark"), NOW);
        BenchmarkRun.withDefaults(new CommandLineOptions("-p", "transport=rmi", "-p", "codec=json", "CodecBenchmark"), NOW);
    }

    @Test
    void impossibleSizesAreRefusedWithTheValidRange() {
        for (String[] bad : new String[][] {{"size=-1", "outside 0.."}, {"size=1k", "is not a number"},
                {"size=99999999999", "outside"}, {"chunkSize=0", "outside 1.."}, {"inFlight=0", "outside 1.."},
                {"count=-5", "outside 0.."}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BenchmarkRun.withDefaults(new CommandLineOptions("-p", bad[0]), NOW));
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains(bad[0]), e.getMessage());
        }
    }
}
