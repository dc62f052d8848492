package rpcbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The launcher's failure paths, with no transport on the class path. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerProcessTest {

    @Test
    void unknownTransportFailsWithTheServerLogInTheMessage() {
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start("no-such-transport"));
        assertTrue(e.getMessage().contains("exited with code " + ServerMain.EXIT_USAGE), e.getMessage());
        assertTrue(e.getMessage().contains("unknown transport 'no-such-transport'"), e.getMessage());
    }

    @Test
    void badJvmArgumentsFailWithinSeconds() {
        ServerLaunch launch = ServerLaunch.of("tcp").withJvmArgs(List.of("-XX:+NoSuchJvmFlagAtAll"));
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start(launch));
        assertTrue(e.getMessage().contains("NoSuchJvmFlagAtAll"), e.getMessage());
    }

    @Test
    void aPrefixRunsInFrontOfTheServerCommand() {
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "uses sh");
        // The prefix swallows the java command and exits 7: proof that it, not java, was started.
        ServerLaunch launch = withPrefix("sh -c 'exit 7'");
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start(launch));
        assertTrue(e.getMessage().contains("exited with code 7"), e.getMessage());
    }

    @Test
    void aMissingPrefixCommandIsNamed() {
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start(withPrefix("no-such-prefix-command -x")));
        assertTrue(e.getMessage().contains("no-such-prefix-command"), e.getMessage());
    }

    @Test
    void wordsSplitAtSpacesAndQuotesGroupThem() {
        assertEquals(List.of("taskset", "-c", "1"), ServerLaunch.words("  taskset  -c 1 "));
        assertEquals(List.of("sh", "-c", "exit 7"), ServerLaunch.words("sh -c 'exit 7'"));
        assertEquals(List.of("cmd", "/c", "start", "", "/b"), ServerLaunch.words("cmd /c start \"\" /b"));
        assertEquals(List.of(), ServerLaunch.words(""));
        assertThrows(IllegalArgumentException.class, () -> ServerLaunch.words("ssh 'host"));
    }

    private static ServerLaunch withPrefix(String prefix) {
        ServerLaunch plain = ServerLaunch.of("tcp");
        return new ServerLaunch("tcp", plain.bindAddress(), 0, plain.jvmArgs(), ServerLaunch.words(prefix));
    }

    @Test
    void statsLineRoundTrips() {
        ServerStats stats = new ServerStats(1, 2, 3, 4, 5, 6, 7, 8);
        assertEquals(stats, ServerStats.parse(stats.toLine()));
        assertThrows(IllegalArgumentException.class, () -> ServerStats.parse("STATS cpuNanos=1"));
        assertThrows(IllegalArgumentException.class, () -> ServerStats.parse("HELLO"));
    }

    @Test
    void thisProcessHasCpuAndHeap() {
        ServerStats stats = ServerStats.sampleThisProcess();
        assertTrue(stats.cpuNanos() > 0);
        assertTrue(stats.heapUsedBytes() > 0);
    }

    @Test
    void malformedPortPropertyIsNamed() {
        System.setProperty(ServerLaunch.PORT, "eighty");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerLaunch.of("tcp"));
            assertTrue(e.getMessage().contains(ServerLaunch.PORT), e.getMessage());
        } finally {
            System.clearProperty(ServerLaunch.PORT);
        }
    }
}
