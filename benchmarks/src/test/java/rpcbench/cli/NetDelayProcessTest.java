package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** -Drpcbench.net.delay run as users run it: the relay really delays a benchmark, and a bad value runs nothing. */
class NetDelayProcessTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aTwoMillisecondDelayPutsTheMedianCallOverFourMilliseconds() throws Exception {
        Path result = dir.resolve("lan.json");
        Process p = MainProcess.start(dir, List.of("-Drpcbench.net.delay=2ms", "-Drpcbench.wire=false",
                        "-Drpcbench.report=false"), "SimpleCallBenchmark", "-p", "transport=tcp", "-f", "1", "-wi", "0",
                "-i", "1", "-w", "200ms", "-r", "200ms", "-rf", "json", "-rff", result.toString());
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(110, TimeUnit.SECONDS), "the run did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("# rpc-bench: emulated LAN: asked 2000 µs each way; added client->server p50"),
                "the fork reports the delay it added: " + output);

        JsonNode metric = new ObjectMapper().readTree(result.toFile()).get(0).get("primaryMetric");
        assertEquals("us/op", metric.get("scoreUnit").asText());
        double p50 = metric.get("scorePercentiles").get("50.0").asDouble();
        assertTrue(p50 >= 4000, "p50 " + p50 + " µs through a relay adding 2 ms each way");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBadDelayIsOneLineAndExitCodeTwoBeforeAnyRun() throws Exception {
        Path result = dir.resolve("never.json");
        String output = MainProcess.badInputLine(dir, List.of("-Drpcbench.net.delay=fast"), "SimpleCallBenchmark",
                "-p", "transport=tcp", "-rf", "json", "-rff", result.toString());
        assertTrue(output.startsWith("rpc-bench: -Drpcbench.net.delay=fast is not a one-way delay"), output);
        assertFalse(Files.exists(result), "nothing ran");
    }
}
