package rpcbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.RpcSettings;
import rpcbench.os.CpuList;
import rpcbench.os.FakeCommands;
import rpcbench.os.Os;

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
        List<String> command = ServerProcess.command(launch, settings, rpcbench.os.Os.current());
        assertEquals(List.of("ssh", "user@host"), command.subList(0, 2));
        assertTrue(command.contains("-Drpcbench.call.timeout.ms=1234"), command.toString());
        assertTrue(command.stream().noneMatch(word -> word.startsWith("-D" + ServerLaunch.NAMESPACE)), command.toString());
    }

    @Test
    void onLinuxTasksetPinsTheServerInsideThePrefix() {
        RpcSettings settings = RpcSettings.defaults().with(ServerLaunch.CPUS, CpuList.parse("1"))
                .with(ServerLaunch.PREFIX, List.of("ip", "netns", "exec", "srv"));
        List<String> command = ServerProcess.command(ServerLaunch.of("tcp", settings), settings, new Os(false, null));
        assertEquals(List.of("ip", "netns", "exec", "srv", "taskset", "-c", "1"), command.subList(0, 7));
        assertTrue(command.containsAll(ServerProcess.UTF8_OUTPUT), command.toString());
    }

    @Test
    void onWindowsWhatCannotBePassedOrPinnedIsRefusedInOneLine() {
        Os windows = new Os(true, FakeCommands.printing("2"));
        RpcSettings pinned = RpcSettings.defaults().with(ServerLaunch.CPUS, CpuList.parse("1"));
        assertFalse(ServerProcess.command(ServerLaunch.of("tcp", pinned), pinned, windows).contains("taskset"));
        RpcSettings behindPrefix = pinned.with(ServerLaunch.PREFIX, List.of("ssh", "host"));
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> ServerProcess.command(ServerLaunch.of("tcp", behindPrefix), behindPrefix, windows));
        assertTrue(prefix.getMessage().contains("would pin the prefix's process"), prefix.getMessage());
        ServerLaunch quoted = ServerLaunch.of("tcp", RpcSettings.defaults()).withJvmArgs(List.of("-Dgreeting=say \"hi\""));
        IllegalArgumentException quote = assertThrows(IllegalArgumentException.class,
                () -> ServerProcess.command(quoted, RpcSettings.defaults(), windows));
        assertTrue(quote.getMessage().contains("holds a double quote"), quote.getMessage());
    }

    @Test
    void onWindowsAServerThatCannotBePinnedIsKilledAndTheReasonNamed() throws Exception {
        FakeCommands refusing = new FakeCommands(c -> FakeCommands.failing(1, "Access is denied"));
        RpcSettings pinned = RpcSettings.defaults().with(ServerLaunch.CPUS, CpuList.parse("0"));
        IOException e = assertThrows(IOException.class,
                () -> ServerProcess.start(ServerLaunch.of("tcp", pinned), pinned, new Os(true, refusing)));
        assertTrue(e.getMessage().contains("cannot pin process") && e.getMessage().contains("Access is denied"),
                e.getMessage());
        String script = refusing.ran().get(0).get(5);
        long pid = Long.parseLong(script.replaceAll(".*Get-Process -Id (\\d+);.*", "$1"));
        ProcessHandle.of(pid).ifPresent(p -> assertTrue(p.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS)
                .join() == null || !p.isAlive(), "the unpinned server " + pid + " is still running"));
    }

    @Test
    void aLogTailInAnotherCodePageIsShownNotDropped() {
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "uses sh");
        // \351 is é in Windows-1252 and ISO-8859-1, and no UTF-8 at all: strict UTF-8 used to drop the whole tail.
        ServerLaunch launch = withPrefix("sh -c 'printf \"\\351chec du d\\351marrage\\n\" >&2; exit 3'");
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start(launch, RpcSettings.defaults()));
        assertTrue(e.getMessage().contains("| échec du démarrage"), e.getMessage());
    }
}
