package rpcbench.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of a remote host, its script run by a real {@code sh} in a home folder of its own (what
 * ssh runs there): the folder made, this machine's java found and accepted, the checksum of a copy
 * that is there read, so that a second deployment copies nothing; old and missing javas refused.
 */
class RemoteCheckTest {

    @TempDir
    Path home;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theScriptMakesTheFolderFindsJavaAndReadsTheChecksumOfTheCopyThere() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        RemoteHost host = new RemoteHost("h", List.of(), "cache/rpc bench", java);
        RemoteCheck first = RemoteCheck.parse(host, inHome(RemoteCheck.script(host, "benchmarks-0123.jar")));
        Path dir = home.resolve("cache/rpc bench");
        assertTrue(Files.isDirectory(dir), "the folder was made");
        assertEquals(dir.toRealPath().toString(), first.dir());
        assertEquals(Runtime.version().feature(), RemoteCheck.javaFeature(first.javaVersion()), first.javaVersion());
        assertEquals("", first.sha(), "no copy there yet");

        Path jar = Files.write(dir.resolve("benchmarks-0123.jar"), "not really a jar".getBytes(StandardCharsets.UTF_8));
        RemoteCheck second = RemoteCheck.parse(host, inHome(RemoteCheck.script(host, "benchmarks-0123.jar")));
        assertEquals(RemoteDeployment.sha256(jar), second.sha(), "sha256sum there agrees with the SHA-256 here");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMissingJavaIsOneLineNamingTheSettingAndAnOldOneSaysItsVersion() throws Exception {
        RemoteHost host = new RemoteHost("bench@db-2", List.of(), ".cache/rpc-bench", "/nonexistent/java");
        RemoteFailure none = assertThrows(RemoteFailure.class,
                () -> RemoteCheck.parse(host, inHome(RemoteCheck.script(host, "b.jar"))));
        assertEquals("remote host bench@db-2 has no /nonexistent/java (Java 17+) on the PATH of a non-interactive ssh"
                + " session: install one there, or name it with -Drpcbench.server.remote.java=/path/to/bin/java",
                none.getMessage());
        RemoteFailure old = assertThrows(RemoteFailure.class, () -> RemoteCheck.parse(host,
                "DIR /home/bench/.cache/rpc-bench\nJAVA openjdk version \"11.0.21\" 2023-10-17\nSHA none\n"));
        assertTrue(old.getMessage().contains("is Java 11 (openjdk version \"11.0.21\" 2023-10-17); the servers need"
                + " Java 17 or later"), old.getMessage());
        RemoteFailure noShell = assertThrows(RemoteFailure.class, () -> RemoteCheck.parse(host, "fish: Unknown command"));
        assertTrue(noShell.getMessage().contains("a POSIX sh is needed there"), noShell.getMessage());
    }

    @Test
    void javaVersionLinesOfEveryNumberingScheme() {
        assertEquals(17, RemoteCheck.javaFeature("openjdk version \"17.0.15\" 2025-04-15"));
        assertEquals(25, RemoteCheck.javaFeature("openjdk version \"25.0.3\" 2026-04-21 LTS"));
        assertEquals(21, RemoteCheck.javaFeature("openjdk version \"21\" 2023-09-19"));
        assertEquals(26, RemoteCheck.javaFeature("openjdk version \"26-ea\" 2026-03-17"));
        assertEquals(8, RemoteCheck.javaFeature("java version \"1.8.0_392\""));
        assertEquals(-1, RemoteCheck.javaFeature("sh: 1: java: not found"));
    }

    /** Runs {@code script} with {@code sh} in {@link #home}, as HOME; returns its output. */
    private String inHome(String script) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder("sh", "-c", script).directory(home.toFile()).redirectErrorStream(true);
        b.environment().put("HOME", home.toString());
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
