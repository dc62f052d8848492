package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import rpcbench.api.Setting;

/** A misspelt setting is refused before anything runs; every known one is listed with its default. */
class SettingsProcessTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMisspeltSettingIsOneLineNamingItAndTheValidOnes() throws Exception {
        Path result = dir.resolve("never.json");
        String output = MainProcess.badInputLine(dir, List.of("-Drpcbench.call.timeout=5000"), "SimpleCallBenchmark",
                "-p", "transport=tcp", "-rf", "json", "-rff", result.toString());
        assertTrue(output.startsWith("rpc-bench: unknown setting -Drpcbench.call.timeout (valid: "), output);
        assertTrue(output.contains("rpcbench.call.timeout.ms") && output.contains("rpcbench.grpc.eventLoop"), output);
        assertFalse(Files.exists(result), "nothing ran");
    }

    @Test
    void everyKnownSettingHasADefaultAndADescription() {
        List<Setting<?>> known = BenchmarkRun.knownSettings();
        assertEquals(37, known.size(), known.toString());
        for (Setting<?> s : known) {
            assertFalse(s.defaultText().isBlank() || s.description().isBlank(), s.name());
        }
        assertTrue(known.stream().anyMatch(s -> s.name().equals("rpcbench.http.client")), "transports' own are listed");
    }
}
