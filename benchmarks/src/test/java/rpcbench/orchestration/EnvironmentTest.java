package rpcbench.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import rpcbench.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void writesTheMachineTheVersionsAndTheOptions() throws Exception {
        Path out = dir.resolve("env.json");
        assertEquals(0, Main.run("env", "--out", out.toString(), "--options", "profile=smoke",
                "client-cpus=0", "server-cpus=1", "transports=tcp,grpc"));
        JsonNode env = new ObjectMapper().readTree(out.toFile());
        assertEquals(System.getProperty("os.name"), env.at("/os/name").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), env.at("/cpu/logicalCores").asInt());
        assertFalse(env.at("/cpu/model").asText().isBlank());
        assertTrue(env.at("/memoryBytes").asLong() > 0);
        assertEquals(System.getProperty("java.runtime.version"), env.at("/jdk/version").asText());
        assertEquals("1.37", env.at("/versions/jmh").asText());
        for (String framework : new String[] {"grpc-java", "netty", "protobuf-java", "jeromq", "jetty",
                "jackson-databind", "java-websocket"}) {
            String version = env.at("/versions/" + framework).asText();
            assertTrue(version.matches("\\d+\\.\\d+.*"), framework + " version '" + version + "'");
        }
        assertEquals("smoke", env.at("/options/profile").asText());
        assertEquals("tcp,grpc", env.at("/options/transports").asText());
        assertEquals("0", env.at("/placement/clientCpus").asText());
        assertEquals("1", env.at("/placement/serverCpus").asText());
        assertNotEquals("", env.at("/gitCommit").asText());
        assertTrue(env.has("powerPlan"));
    }

    @Test
    void badOptionsAreRefusedAndNothingIsWritten() throws Exception {
        Path out = dir.resolve("env.json");
        assertEquals(2, Main.run("env", "--out", out.toString(), "--options", "no-equals-sign"));
        assertEquals(2, Main.run("env", "--options", "a=b"));
        assertEquals(2, Main.run("env", "--out", dir.resolve("missing/env.json").toString()));
        assertEquals(2, Main.run("env", "--out", out.toString(), "--colour", "red"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "a refused env left files behind");
        }
    }

    /** Windows: the CPUs allowed come from this process's affinity mask (PowerShell), the plan from powercfg's code page. */
    @Test
    void onWindowsTheAffinityMaskAndThePowerPlanAreRecorded() {
        Host windows = FakeWindows.host(dir, 0.1, 5, "powercfg-utf16le-bom.txt", null);
        JsonNode env = Environment.describe(java.util.Map.of("client-cpus", "0,2"), windows);
        assertEquals("0,2", env.at("/placement/cpusAllowedToThisProcess").asText());
        assertEquals("Power Scheme GUID: e9a42b02-d5df-448d-aa00-03f14749eb61  (Ultimate Performance)",
                env.at("/powerPlan").asText());
        assertEquals("unknown", env.at("/gitCommit").asText()); // no git on that machine
        assertEquals("all", env.at("/placement/serverCpus").asText());
    }
}
