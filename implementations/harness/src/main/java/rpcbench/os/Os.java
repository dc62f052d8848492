package rpcbench.os;

/**
 * The facts about the operating system that change what rpc-bench does, in one value that tests
 * replace: whether it is Windows, and how its tools are run. Linux CI reaches the Windows code paths
 * with {@code new Os(true, fakeCommands)}.
 *
 * @param windows  Windows (affinity through PowerShell, no /proc, no taskset)
 * @param commands how the OS's tools are run
 */
public record Os(boolean windows, Commands commands) {

    /** Seconds any one OS tool may take before it is stopped. */
    public static final long TOOL_SECONDS = 20;

    /** This machine. */
    public static Os current() {
        return new Os(isWindows(System.getProperty("os.name", "")), Commands.system(TOOL_SECONDS));
    }

    static boolean isWindows(String osName) {
        return osName.startsWith("Windows");
    }
}
