package rpcbench.os;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Which CPUs a process may run on, set and read the robust way on each OS, without a shell and
 * without wrapping the process in another one:
 * <ul>
 * <li>Linux: {@code taskset -c LIST} in front of a command ({@link #prefix}), or
 * {@code taskset -a -p -c LIST PID} for a running process and every thread it has;
 * <li>Windows: the process's {@code ProcessorAffinity} through PowerShell, by pid. Children
 * inherit a process's mask, and the process rpc-bench holds stays the one it started (not a
 * {@code cmd /c start /affinity} in between, with cmd's quoting and 8,191-character line).
 * Masks cover one processor group: CPUs 64 and up are refused ({@link CpuList#mask()}).
 * </ul>
 */
public final class Affinity {

    private Affinity() {
    }

    /** Words that start a command on {@code cpus} (Linux). */
    public static List<String> prefix(CpuList cpus) {
        return List.of("taskset", "-c", cpus.text());
    }

    /**
     * Pins the running process {@code pid} to {@code cpus}.
     *
     * @throws IOException naming the tool's own complaint (no such CPU, tool missing)
     */
    public static void pin(Os os, long pid, CpuList cpus) throws IOException {
        List<String> command = pinCommand(os.windows(), pid, cpus);
        Commands.Result r;
        try {
            r = os.commands().run(command);
        } catch (IOException e) {
            throw new IOException("cannot pin process " + pid + " to CPUs " + cpus + ": " + command.get(0)
                    + " is not available (" + (os.windows() ? "Windows PowerShell" : "taskset, from util-linux")
                    + " is needed)", e);
        }
        if (!r.ok()) {
            throw new IOException("cannot pin process " + pid + " to CPUs " + cpus + ": " + r.firstErrorLine());
        }
        if (os.windows() && !r.outText().equals(Long.toString(cpus.mask()))) {
            throw new IOException("process " + pid + " was to be pinned to CPUs " + cpus + " (mask " + cpus.mask()
                    + ") but its mask is now '" + r.outText() + "'");
        }
    }

    /** The command that pins a running process and all its threads. */
    static List<String> pinCommand(boolean windows, long pid, CpuList cpus) {
        if (!windows) {
            return List.of("taskset", "-a", "-p", "-c", cpus.text(), Long.toString(pid));
        }
        // The mask is checked (CPUs 0-63) before PowerShell starts; the new mask is printed to be compared.
        return powerShell("$p = Get-Process -Id " + pid + "; $p.ProcessorAffinity = [IntPtr][long]" + cpus.mask()
                + "; $p.Refresh(); $p.ProcessorAffinity.ToInt64()");
    }

    /** The CPUs process {@code pid} may run on, asked of Windows (Linux reads /proc instead); empty when it does not tell. */
    public static Optional<CpuList> windowsAffinity(Commands commands, long pid) {
        try {
            Commands.Result r = commands.run(powerShell("(Get-Process -Id " + pid + ").ProcessorAffinity.ToInt64()"));
            return r.ok() ? Optional.of(CpuList.ofMask(Long.parseLong(r.outText()))) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Windows PowerShell (in every Windows since 7) running one line: no profile, no prompt. */
    static List<String> powerShell(String script) {
        return List.of("powershell.exe", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", script);
    }
}
