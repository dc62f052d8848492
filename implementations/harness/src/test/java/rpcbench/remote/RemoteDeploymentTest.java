package rpcbench.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import rpcbench.os.Commands;

/**
 * The parts of a deployment that need no remote host: the host's address as the system's ssh
 * resolves it from its configuration ({@code ssh -G} connects nowhere), the SHA-256 as sha256sum
 * prints it, the move of a copy that arrived whole and the refusal of one that did not, and the jar.
 */
class RemoteDeploymentTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theAddressIsTheHostNameOfTheUsersSshConfigurationResolvedHere() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "OpenSSH's client is not installed");
        Path config = Files.writeString(dir.resolve("ssh config"), "Host db-two\n  HostName 10.78.9.1\n  User bench\n");
        RemoteHost alias = new RemoteHost("db-two", List.of("-F", config.toString()), ".cache/rpc-bench", "java");
        assertEquals("10.78.9.1", RemoteDeployment.address(alias, Commands.system(10)));
        RemoteHost plain = new RemoteHost("bench@127.0.0.2", List.of("-F", config.toString()), ".cache/rpc-bench", "java");
        assertEquals("127.0.0.2", RemoteDeployment.address(plain, Commands.system(10)));
        RemoteHost missing = new RemoteHost("db-two", List.of("-F", dir.resolve("none").toString()), "d", "java");
        RemoteFailure e = assertThrows(RemoteFailure.class, () -> RemoteDeployment.address(missing, Commands.system(10)));
        assertTrue(e.getMessage().startsWith("remote host db-two: ssh -G cannot read its configuration ("), e.getMessage());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCopyIsMovedIntoPlaceOnlyWhenItsChecksumThereIsThisJars() throws Exception {
        Path partial = Files.write(dir.resolve(".b.jar.1.partial"), "jar bytes".getBytes(StandardCharsets.UTF_8));
        String sha = RemoteDeployment.sha256(partial);
        assertEquals(sha256sum(partial), sha);
        Path jar = dir.resolve("b.jar");
        assertEquals(1, sh(RemoteDeployment.moveScript(partial.toString(), jar.toString(), sha.replace('a', 'b')
                .replace('0', '1'))), "a copy with another checksum");
        assertFalse(Files.exists(partial) || Files.exists(jar), "was deleted, not moved");
        Files.write(partial, "jar bytes".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, sh(RemoteDeployment.moveScript(partial.toString(), jar.toString(), sha)));
        assertTrue(Files.exists(jar) && !Files.exists(partial), "moved into place");
    }

    @Test
    void classesOutsideAJarCannotBeCopiedAndSaySoInOneLine() {
        // the tests run from target/classes, as a run from an IDE would
        RemoteFailure e = assertThrows(RemoteFailure.class, RemoteDeployment::localJar);
        assertTrue(e.getMessage().startsWith("remote servers need benchmarks.jar, but this JVM runs from "), e.getMessage());
        assertNotEquals(-1, e.getMessage().indexOf("java -jar benchmarks/target/benchmarks.jar"));
    }

    private static String sha256sum(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return out.substring(0, out.indexOf(' '));
    }

    private static int sh(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
