package rpcbench.remote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of the system's ssh and scp for a {@link RemoteHost}, and the quoting of words
 * for the POSIX shell that runs a command there (ssh joins its arguments with spaces and hands them
 * to the remote user's shell, so every word is quoted once, here).
 */
public final class Ssh {

    /**
     * rpc-bench's own options, after the user's (ssh keeps the first value of each): never a password
     * prompt (a run has no terminal), a bounded connect, and a dead link noticed within 15 s.
     */
    static final List<String> OWN_OPTIONS = List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
            "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3");

    private Ssh() {
    }

    /**
     * ssh running {@code command} (one shell command line) on the host: no terminal ({@code -T}), so
     * that the end of ssh's stdin reaches the remote command as the end of its own.
     */
    public static List<String> run(RemoteHost host, String command) {
        List<String> cmd = new ArrayList<>(List.of("ssh"));
        cmd.addAll(host.sshOptions());
        cmd.addAll(OWN_OPTIONS);
        cmd.add("-T");
        cmd.add(host.target());
        cmd.add(command);
        return cmd;
    }

    /** scp of {@code local} to {@code remotePath} on the host (relative: to the ssh user's home). */
    static List<String> copy(RemoteHost host, Path local, String remotePath) {
        List<String> cmd = new ArrayList<>(List.of("scp", "-q"));
        cmd.addAll(host.sshOptions());
        cmd.addAll(OWN_OPTIONS);
        cmd.add(local.toString());
        cmd.add(host.target() + ":" + remotePath);
        return cmd;
    }

    /** {@code ssh -G}: the configuration ssh would use for the host, without connecting (its real host name). */
    static List<String> configuration(RemoteHost host) {
        List<String> cmd = new ArrayList<>(List.of("ssh"));
        cmd.addAll(host.sshOptions());
        cmd.add("-G");
        cmd.add(host.target());
        return cmd;
    }

    /** The words as one command line of a POSIX shell, each quoted where it needs it. */
    public static String shell(List<String> words) {
        return String.join(" ", words.stream().map(Ssh::quote).toList());
    }

    /** One word for a POSIX shell: as it is when it is plain, else in single quotes. */
    static String quote(String word) {
        boolean plain = !word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                || "@%+=:,./_-".indexOf(c) >= 0);
        return plain ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
