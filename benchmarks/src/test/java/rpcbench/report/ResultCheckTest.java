package rpcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** On fixture files: a real smoke result of this project, and malformed or foreign files. */
class ResultCheckTest {

    private static final List<String> BENCHMARKS = List.of("rpcbench.bench.PayloadBenchmark.echo",
            "rpcbench.bench.SimpleCallBenchmark.simpleCallLatency", "rpcbench.bench.StreamValuesBenchmark.streamValues");

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ResultCheckTest.class.getResource("/fixtures/" + name).toURI());
    }

    @Test
    void aCompleteSmokeRunHasNoHoles() throws Exception {
        assertEquals(List.of(), ResultCheck.holes(fixture("smoke-tcp.json"), BENCHMARKS, List.of("tcp")));
    }

    @Test
    void aMissingTransportIsAHoleInEveryBenchmark() throws Exception {
        List<String> holes = ResultCheck.holes(fixture("smoke-tcp.json"), BENCHMARKS, List.of("tcp", "grpc"));
        assertEquals(3, holes.size(), holes.toString());
        assertTrue(holes.get(0).contains("over grpc: 0 of 5 scores"), holes.get(0));
    }

    @Test
    void aMissingBenchmarkIsAHole() throws Exception {
        List<String> holes = ResultCheck.holes(fixture("smoke-tcp.json"),
                List.of("rpcbench.bench.ConnectBenchmark.connect"), List.of("tcp"));
        assertEquals(List.of("rpcbench.bench.ConnectBenchmark.connect over tcp: 0 of 1 scores"), holes);
    }

    @Test
    void badFilesAreNamedWithTheirProblem() throws Exception {
        assertProblem("empty.json", "holds no benchmark results");
        assertProblem("truncated.json", "not JSON");
        assertProblem("foreign.json", "not JMH JSON output");
        Path missing = Path.of("no-such-result.json");
        BadResultFile e = assertThrows(BadResultFile.class,
                () -> ResultCheck.holes(missing, BENCHMARKS, List.of("tcp")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    private static void assertProblem(String name, String problem) throws Exception {
        Path file = fixture(name);
        BadResultFile e = assertThrows(BadResultFile.class,
                () -> ResultCheck.holes(file, BENCHMARKS, List.of("tcp")));
        assertTrue(e.getMessage().contains(problem) && e.getMessage().contains(name), e.getMessage());
    }
}
