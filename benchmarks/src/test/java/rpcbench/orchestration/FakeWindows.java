package rpcbench.orchestration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import rpcbench.os.Commands;
import rpcbench.os.FakeCommands;
import rpcbench.os.Os;

/**
 * This machine as Windows shows itself to rpc-bench: no /proc, no command line of another process,
 * no load average; PowerShell answers an affinity mask, powercfg a fixture's bytes, git is absent.
 */
public final class FakeWindows {

    private FakeWindows() {
    }

    /** A Windows host whose CPUs are {@code cpuLoad} busy, whose processes have affinity {@code mask}, whose powercfg prints {@code powercfgFixture}. */
    public static Host host(Path nowhere, double cpuLoad, long mask, String powercfgFixture, FakeCommands[] ran) {
        byte[] plan = fixture(powercfgFixture);
        FakeCommands commands = new FakeCommands(command -> switch (command.get(0)) {
            case "powercfg" -> new Commands.Result(0, plan, new byte[0]);
            case "powershell.exe" -> FakeCommands.ok(command.get(5).contains("ProcessorAffinity = ")
                    ? command.get(5).replaceAll(".*\\[long\\](-?\\d+);.*", "$1") : Long.toString(mask));
            default -> null; // not installed
        });
        if (ran != null) {
            ran[0] = commands;
        }
        return Host.current().asWindows(new Os(true, commands), nowhere, cpuLoad);
    }

    /** One of the harness's Windows output fixtures, as bytes. */
    public static byte[] fixture(String name) {
        try (InputStream in = FakeWindows.class.getResourceAsStream("/fixtures/windows/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commands a fake ran, as lists of words. */
    public static List<List<String>> ran(FakeCommands commands) {
        return commands.ran();
    }
}
