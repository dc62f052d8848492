package rpcbench.os;

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

/** Servers found by the pid they announce, as preflight must on Windows; real processes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerRegistryTest {

    @TempDir
    Path dir;

    @Test
    void aRunningProcessIsFoundByItsAnnouncementAndAKilledOnesFileIsSwept() throws Exception {
        ServerRegistry registry = new ServerRegistry(dir);
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Announcer.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            String ready = new String(server.getInputStream().readNBytes(6));
            assertEquals("READY\n", ready);
            assertEquals(List.of(new ServerRegistry.Announced(server.pid(), "tcp")), registry.alive());
        } finally {
            server.destroyForcibly(); // no hook runs: the file stays behind
            server.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(dir.resolve(server.pid() + ".server")), "a killed server's file stays until swept");
        assertEquals(List.of(), registry.alive());
        assertFalse(Files.exists(dir.resolve(server.pid() + ".server")), "the leftover was not swept");
    }

    @Test
    void aPidNowUsedByAnotherProcessOrAMangledFileIsALeftover() throws Exception {
        long self = ProcessHandle.current().pid();
        Files.writeString(dir.resolve(self + ".server"), "pid=" + self + "\nstart=1999-01-01T00:00:00Z\ntransport=grpc\n");
        Files.writeString(dir.resolve("12.server"), "not a properties file with a pid");
        assertEquals(List.of(), new ServerRegistry(dir).alive());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
        assertEquals(List.of(), new ServerRegistry(dir.resolve("never-created")).alive());
    }

    @Test
    void closingTheAnnouncementRemovesIt() throws Exception {
        ServerRegistry registry = new ServerRegistry(dir);
        AutoCloseable announced = registry.announce("zeromq");
        assertEquals(List.of(new ServerRegistry.Announced(ProcessHandle.current().pid(), "zeromq")), registry.alive());
        announced.close();
        assertEquals(List.of(), registry.alive());
    }

    /** Announces itself as a tcp server in the folder given, says READY, waits to be killed. */
    public static final class Announcer {
        public static void main(String[] args) throws InterruptedException {
            new ServerRegistry(Path.of(args[0])).announce("tcp");
            System.out.print("READY\n");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
