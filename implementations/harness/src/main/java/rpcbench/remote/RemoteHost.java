package rpcbench.remote;

import java.util.List;

import rpcbench.api.RpcSettings;
import rpcbench.api.Setting;
import rpcbench.server.ServerLaunch;

/**
 * Another machine that runs the servers, reached with the system's own ssh and scp: its ssh target,
 * the options every ssh and scp call gets, the folder that keeps the copied jar there, and its java.
 * All four are launcher settings ({@link ServerLaunch#NAMESPACE}), so none reaches a server JVM.
 *
 * @param target     {@code [user@]host}, or a Host of the user's ssh configuration
 * @param sshOptions the user's options for ssh and scp (before rpc-bench's own: ssh keeps the first value)
 * @param dir        the folder there; relative to the ssh user's home
 * @param java       the java command there
 */
public record RemoteHost(String target, List<String> sshOptions, String dir, String java) {

    /** The host every server runs on, over ssh. Default: none, servers run on this machine. */
    public static final Setting<String> HOST = Setting.of("rpcbench.server.remote", null, "none",
            "[user@]host or a Host of your ssh configuration (no white space, not starting with -)",
            text -> plainWord(text, "@:._-"), t -> t,
            "run every server on this host over ssh (benchmarks.jar is copied there once per checksum; the servers"
                    + " bind its address)");

    /**
     * Options of every ssh and scp call, before rpc-bench's own ({@code BatchMode=yes}, timeouts), which
     * they therefore override: {@code -F FILE}, {@code -i KEY}, {@code -o Name=value}. Default: none.
     */
    public static final Setting<List<String>> SSH_OPTIONS = Setting.of("rpcbench.server.remote.sshOptions", List.of(),
            "none", "a list of words (quotes group words)", ServerLaunch::words, ServerLaunch::join,
            "options of every ssh and scp call to the remote host (-F FILE, -i KEY, -o Name=value; both take them)");

    /** The folder on the remote host that keeps benchmarks-SHA.jar between runs. Default {@code .cache/rpc-bench}. */
    public static final Setting<String> DIR = Setting.of("rpcbench.server.remote.dir", ".cache/rpc-bench",
            ".cache/rpc-bench", "a folder path without white space or quotes, not starting with -",
            text -> plainWord(text.startsWith("~/") ? text.substring(2) : text, "/._-+"), d -> d,
            "folder on the remote host, relative to the ssh user's home unless absolute, that keeps the copied jar"
                    + " (benchmarks-SHA.jar) between runs");

    /** The java of the remote host, 17 or later. Default {@code java} (the PATH of a non-interactive ssh session). */
    public static final Setting<String> JAVA = Setting.of("rpcbench.server.remote.java", "java", "java",
            "a command without white space or quotes", text -> plainWord(text, "/._-+"), j -> j,
            "the java (17+) that runs the servers on the remote host");

    /** Every remote setting, in the order of the configuration table. */
    public static final List<Setting<?>> SETTINGS = List.of(HOST, SSH_OPTIONS, DIR, JAVA);

    public RemoteHost {
        sshOptions = List.copyOf(sshOptions);
    }

    /**
     * The remote host {@code settings} name, or null when servers run on this machine.
     *
     * @throws IllegalArgumentException when a remote setting is malformed, naming it
     */
    public static RemoteHost of(RpcSettings settings) {
        String target = settings.get(HOST);
        return target == null ? null
                : new RemoteHost(target, settings.get(SSH_OPTIONS), settings.get(DIR), settings.get(JAVA));
    }

    /** {@code text} when it is letters, digits and {@code allowed} only, and starts with none of {@code -}; else null. */
    private static String plainWord(String text, String allowed) {
        if (text.isEmpty() || text.startsWith("-")) {
            return null;
        }
        boolean plain = text.chars().allMatch(c -> Character.isLetterOrDigit(c) || allowed.indexOf(c) >= 0);
        return plain ? text : null;
    }

    @Override
    public String toString() {
        return target;
    }
}
