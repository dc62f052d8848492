package rpcbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.RpcSettings;

/** The launcher's failure paths, with no transport on the class path. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerProcessTest {

    @Test
    void unknownTransportFailsWithTheServerLogInTheMessage() {
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start("no-such-transport", RpcSettings.defaults()));
        assertTrue(e.getMessage().contains("exited with code " + ServerMain.EXIT_USAGE), e.getMessage());
        assertTrue(e.getMessage().contains("unknown transport 'no-such-transport'"), e.getMessage());
    }

    @Test
    void badJvmArgumentsFailWithinSeconds() {
        ServerLaunch launch = ServerLaunch.of("tcp", RpcSettings.defaults()).withJvmArgs(List.of("-XX:+NoSuchJvmFlagAtAll"));
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start(launch, RpcSettings.defaults()));
        assertTrue(e.getMessage().contains("NoSuchJvmFlagAtAll"), e.getMessage());
    }

    @Test
    void aPrefixRunsInFrontOfTheServerCommand() {
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "uses sh");
        // The prefix swallows the java command and exits 7: proof that it, not java, was started.
        ServerLaunch launch = withPrefix("sh -c 'exit 7'");
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start(launch, RpcSettings.defaults()));
        assertTrue(e.getMessage().contains("exited with code 7"), e.getMessage());
    }

    @Test
    void aMissingPrefixCommandIsNamed() {
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start(withPrefix("no-such-prefix-command -x"),
                RpcSettings.defaults()));
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
        ServerLaunch plain = ServerLaunch.of("tcp", RpcSettings.defaults());
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
        RpcSettings settings = RpcSettings.of(Map.of(ServerLaunch.PORT.name(), "eighty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerLaunch.of("tcp", settings));
        assertTrue(e.getMessage().contains(ServerLaunch.PORT.name()), e.getMessage());
    }

    @Test
    void theServerGetsTheSettingsButNotTheLaunchersOwn() {
        RpcSettings settings = RpcSettings.defaults().with(RpcSettings.CALL_TIMEOUT_MS, 1234)
                .with(ServerLaunch.PREFIX, List.of("ssh", "user@host"));
        ServerLaunch launch = ServerLaunch.of("tcp", settings);
        List<String> command = ServerProcess.command(launch, settings);
        assertEquals(List.of("ssh", "user@host"), command.subList(0, 2));
        assertTrue(command.contains("-Drpcbench.call.timeout.ms=1234"), command.toString());
        assertTrue(command.stream().noneMatch(word -> word.startsWith("-D" + ServerLaunch.NAMESPACE)), command.toString());
    }
}
