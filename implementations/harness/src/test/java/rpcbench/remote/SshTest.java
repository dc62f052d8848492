package rpcbench.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ssh and scp command lines, and the quoting of words for the remote shell, checked by a real
 * {@code sh} reading them back (what sshd's login shell does with the command ssh sends).
 */
class SshTest {

    private static final RemoteHost HOST = new RemoteHost("bench@db-2", List.of("-F", "/tmp/my config"),
            ".cache/rpc-bench", "java");

    @Test
    void theUsersOptionsComeFirstSoThatTheyWinThenOursThenNoTerminalTheHostAndTheCommand() {
        List<String> expected = new ArrayList<>(List.of("ssh", "-F", "/tmp/my config"));
        expected.addAll(Ssh.OWN_OPTIONS);
        expected.addAll(List.of("-T", "bench@db-2", "echo hi"));
        assertEquals(expected, Ssh.run(HOST, "echo hi"));
        assertEquals(List.of("ssh", "-F", "/tmp/my config", "-G", "bench@db-2"), Ssh.configuration(HOST));
        List<String> copy = Ssh.copy(HOST, Path.of("/w/benchmarks.jar"), "dir/.b.jar.partial");
        assertEquals(List.of("scp", "-q", "-F", "/tmp/my config"), copy.subList(0, 4));
        assertEquals(List.of("/w/benchmarks.jar", "bench@db-2:dir/.b.jar.partial"), copy.subList(copy.size() - 2,
                copy.size()));
        assertEquals(List.of("-o", "BatchMode=yes"), Ssh.OWN_OPTIONS.subList(0, 2), "never a password prompt");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void everyWordReachesTheRemoteCommandAsItWasWhateverItHolds() throws Exception {
        List<String> words = List.of("plain", "two words", "it's", "$HOME", "\"quoted\"", "`id`", "a;b", "", "-Dx=a b",
                "tab\there", "back\\slash", "*", "~");
        assertEquals(words, echoedBySh(Ssh.shell(words)));
        assertEquals("plain -Dkey=v,1:2/x@h%+", Ssh.shell(List.of("plain", "-Dkey=v,1:2/x@h%+")), "no quotes needed");
    }

    /** What {@code sh -c "printf '%s\n' WORDS"} prints, one word a line. */
    static List<String> echoedBySh(String words) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "printf '%s\\n' " + words).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }
}
