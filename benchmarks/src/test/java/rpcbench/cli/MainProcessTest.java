package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * benchmarks.jar's entry point run as users run it, in its own process, against real tcp servers:
 * a client-count sweep lands in one JSON file with cost metrics, bytes on the wire and the report beside it.
 */
class MainProcessTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSweepOfClientCountsMergesIntoOneResultWithCostsAndWireBytes() throws Exception {
        Path result = dir.resolve("sweep.json");
        Process p = main("SimpleCallBenchmark", "--clients", "1,2", "-p", "transport=tcp", "-f", "1", "-wi", "0",
                "-i", "1", "-r", "300ms", "-rf", "json", "-rff", result.toString());
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(170, TimeUnit.SECONDS), "the run did not finish");
        assertEquals(0, p.exitValue(), output);
        // the report is written beside the result, and said where
        Path report = dir.resolve("sweep-report");
        assertTrue(output.contains("# rpc-bench: report in " + report.resolve("report.html")), output);
        assertTrue(Files.exists(report.resolve("charts/clients-p99-SimpleCallBenchmark.simpleCallLatency.png")),
                "the sweep's charts");

        JsonNode records = new ObjectMapper().readTree(result.toFile());
        Set<Integer> threads = new TreeSet<>();
        for (JsonNode r : records) {
            threads.add(r.get("threads").asInt());
            JsonNode secondary = r.get("secondaryMetrics");
            for (String metric : List.of("·server.cpu", "·client.cpu", "·client.alloc", "·calls", "·failedCalls",
                    "·server.heap.peak")) {
                assertTrue(secondary.has(metric), metric + " missing in " + secondary);
            }
            assertTrue(secondary.get("·server.cpu").get("score").asDouble() > 0, "server CPU per call");
            assertEquals(0, secondary.get("·failedCalls").get("score").asInt());
        }
        assertEquals(Set.of(1, 2), threads, "one record per client count");

        JsonNode wire = new ObjectMapper().readTree(dir.resolve("sweep-wire.json").toFile());
        JsonNode simple = null;
        for (JsonNode w : wire) {
            if (w.get("benchmark").asText().equals("SimpleCallBenchmark.simpleCallLatency")) {
                simple = w;
            }
        }
        assertTrue(simple != null, "wire counts lack simpleCall: " + wire);
        // tcp's simple call is 4 bytes of length, 1 of kind and 4 of int each way
        assertEquals(9.0, simple.get("upBytesPerOp").asDouble(), 0.01);
        assertEquals(9.0, simple.get("downBytesPerOp").asDouble(), 0.01);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void badClientCountIsOneLineAndExitCodeTwo() throws Exception {
        assertTrue(badInputLine("--clients", "0").contains("--clients"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void reportOfAMissingFileIsOneLineAndExitCodeTwo() throws Exception {
        assertEquals("report: missing.json: no such file", badInputLine("report", "missing.json"));
    }

    private String badInputLine(String... args) throws Exception {
        return MainProcess.badInputLine(dir, List.of(), args);
    }

    private Process main(String... args) throws Exception {
        return MainProcess.start(dir, List.of(), args);
    }
}
