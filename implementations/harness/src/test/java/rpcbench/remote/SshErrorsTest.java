package rpcbench.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * ssh's failures as one line each, from what OpenSSH 9.2 really printed here (captured from the runs
 * of scripts/two-host.sh and of ssh against a closed port and an unresolvable name).
 */
class SshErrorsTest {

    private static final RemoteHost HOST = new RemoteHost("root@10.78.0.1", List.of(), ".cache/rpc-bench", "java");

    @Test
    void eachFailureUsersHitIsOneLineSayingWhatToDo() {
        assertLine("is unreachable (ssh: connect to host 10.78.0.3 port 22: No route to host)",
                "ssh: connect to host 10.78.0.3 port 22: No route to host\r\n");
        assertLine("is unreachable: nothing accepts ssh connections there (ssh: connect to host 10.78.0.2 port 22:"
                + " Connection refused); is sshd running", "ssh: connect to host 10.78.0.2 port 22: Connection refused\n");
        assertLine("its name does not resolve here (ssh: Could not resolve hostname nosuchhost.invalid: Name or service"
                + " not known)", "ssh: Could not resolve hostname nosuchhost.invalid: Name or service not known\n");
        assertLine("refused the authentication (root@10.78.0.1: Permission denied (publickey).): ssh runs with"
                + " BatchMode=yes", "root@10.78.0.1: Permission denied (publickey).\r\n");
        assertLine("its host key is not known here or has changed (Host key verification failed.)",
                "No ED25519 host key is known for 10.78.0.1 and you have requested strict checking.\r\n"
                        + "Host key verification failed.\r\n");
        assertLine("is unreachable (ssh: connect to host 10.78.0.1 port 22: Connection timed out)",
                "ssh: connect to host 10.78.0.1 port 22: Connection timed out\n");
    }

    @Test
    void aWarningBeforeTheErrorIsNotTheLineShownAndAnythingElseKeepsSshsOwnWords() {
        assertEquals("root@10.78.0.1: Permission denied (publickey).", SshErrors.sshLine(
                "Warning: Permanently added '10.78.0.1' (ED25519) to the list of known hosts.\r\n"
                        + "root@10.78.0.1: Permission denied (publickey).\r\n"));
        String other = SshErrors.explain(HOST, 255, "kex_exchange_identification: read: Connection reset\n");
        assertTrue(other.startsWith("remote host root@10.78.0.1 is unreachable"), other);
        String unknown = SshErrors.explain(HOST, 255, "Bad owner or permissions on /root/.ssh/config\n");
        assertEquals("remote host root@10.78.0.1: ssh failed with exit code 255 (Bad owner or permissions on"
                + " /root/.ssh/config)", unknown);
        assertEquals("remote host root@10.78.0.1: ssh failed with exit code 255", SshErrors.explain(HOST, 255, ""));
    }

    private static void assertLine(String expected, String stderr) {
        String line = SshErrors.explain(HOST, SshErrors.SSH_FAILED, stderr);
        assertTrue(line.startsWith("remote host root@10.78.0.1"), line);
        assertTrue(line.contains(expected), line);
        assertEquals(1, line.lines().count(), line);
    }
}
