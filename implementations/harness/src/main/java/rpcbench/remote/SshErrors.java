package rpcbench.remote;

import java.util.List;
import java.util.Locale;

/**
 * ssh's own words for what went wrong (exit code 255, a line on stderr) as one line a user acts on:
 * the host does not resolve, is unreachable, refused the key, or has an unknown host key. Each is
 * matched on the text OpenSSH prints, for example {@code ssh: connect to host 10.77.0.3 port 22: No
 * route to host} or {@code root@10.77.0.1: Permission denied (publickey).}
 */
public final class SshErrors {

    /** ssh's own exit code for its failures (anything else is the remote command's). */
    public static final int SSH_FAILED = 255;

    private static final List<String> UNREACHABLE = List.of("no route to host", "network is unreachable",
            "connection timed out", "operation timed out", "host is down", "connection closed by",
            "connection reset");

    private SshErrors() {
    }

    /** One line explaining why ssh to {@code host} failed, from its exit code and stderr. */
    public static String explain(RemoteHost host, int exitCode, String stderr) {
        String line = sshLine(stderr);
        String lower = line.toLowerCase(Locale.ROOT);
        String h = "remote host " + host.target();
        if (exitCode == -1) {
            return h + " did not answer: " + line;
        }
        if (lower.contains("could not resolve hostname")) {
            return h + ": its name does not resolve here (" + line + ")";
        }
        if (lower.contains("connection refused")) {
            return h + " is unreachable: nothing accepts ssh connections there (" + line + "); is sshd running,"
                    + " is the port right (-p PORT or Port in the ssh config)?";
        }
        if (UNREACHABLE.stream().anyMatch(lower::contains)) {
            return h + " is unreachable (" + line + ")";
        }
        if (lower.contains("permission denied")) {
            return h + " refused the authentication (" + line + "): ssh runs with BatchMode=yes, without password"
                    + " prompts, so it needs a key the host accepts (ssh-copy-id " + host.target() + ", or -i KEY in -D"
                    + RemoteHost.SSH_OPTIONS.name() + ")";
        }
        if (lower.contains("host key verification failed") || lower.contains("host key for")) {
            return h + ": its host key is not known here or has changed (" + line + "): connect once with ssh "
                    + host.target() + " to check and accept it";
        }
        return h + ": ssh failed with exit code " + exitCode + (line.isEmpty() ? "" : " (" + line + ")");
    }

    /** The line of ssh's stderr that says what failed: the last one that is not a warning. */
    static String sshLine(String stderr) {
        List<String> lines = stderr.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).startsWith("Warning:") && !lines.get(i).startsWith("**")) {
                return lines.get(i);
            }
        }
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
