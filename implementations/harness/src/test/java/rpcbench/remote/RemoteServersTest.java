package rpcbench.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.Endpoint;

/**
 * What a remote server's ssh command runs there, run here by a real {@code sh} as a login shell
 * runs ssh's command: the PID line is the server's own pid, and the end of stdin reaches the server;
 * the kill by pid spares a process that is not a server; the reachability check of the announced port.
 */
class RemoteServersTest {

    private static final RemoteHost HOST = new RemoteHost("bench@db-2", List.of(), ".cache/rpc-bench", "java");
    private static final RemoteDeployment.Deployed DEPLOYED = new RemoteDeployment.Deployed(HOST,
            "/home/bench/.cache/rpc-bench/benchmarks-0123456789abcdef.jar", "10.0.0.2");

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theAnnouncedPidIsTheServersOwnAndTheEndOfStdinReachesIt() throws Exception {
        // the "server": prints its own pid, then echoes stdin until it ends, then says so
        List<String> ssh = RemoteServers.command(DEPLOYED, List.of("sh", "-c", "echo \"ME $$\"; cat; echo \"EOF seen\""));
        assertEquals(List.of("ssh", "-T", "bench@db-2"), List.of(ssh.get(0), ssh.get(ssh.size() - 3), ssh.get(ssh.size() - 2)));
        Process p = new ProcessBuilder("sh", "-c", ssh.get(ssh.size() - 1)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String pidLine = out.readLine();
        assertTrue(pidLine.startsWith(RemoteServers.PID_LINE), pidLine);
        assertEquals("ME " + pidLine.substring(RemoteServers.PID_LINE.length()), out.readLine(), "exec keeps the pid");
        assertEquals(Long.toString(p.pid()), pidLine.substring(RemoteServers.PID_LINE.length()), "no shell stays between");
        p.getOutputStream().write("STATS\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        assertEquals("STATS", out.readLine());
        p.getOutputStream().close();
        assertEquals("EOF seen", out.readLine());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theKillByPidKillsAServerAndSparesAnyOtherProcessOfThatPid() throws Exception {
        // each waits on its stdin, with no child; $0 of the first is the main class's name, as a server's command line has it
        Process server = new ProcessBuilder("sh", "-c", "read line", "rpcbench.server.ServerMain").start();
        Process other = new ProcessBuilder("sh", "-c", "read line", "some-other-program").start();
        try {
            assertEquals("killed", shOutput(RemoteServers.killScript(server.pid())));
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server was killed");
            assertEquals("gone", shOutput(RemoteServers.killScript(other.pid())));
            assertTrue(other.isAlive(), "a process that is not a server was spared");
        } finally {
            server.destroyForcibly();
            other.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aPortThatRefusesIsOneLineNamingAFirewallAndAListeningOneIsReachable() throws Exception {
        int closedPort;
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RemoteServers.checkReachable("tcp", HOST, new Endpoint("127.0.0.1", listening.getLocalPort()));
            closedPort = listening.getLocalPort();
        }
        RemoteFailure e = assertThrows(RemoteFailure.class,
                () -> RemoteServers.checkReachable("tcp", HOST, new Endpoint("127.0.0.1", closedPort)));
        assertEquals("tcp server on remote host bench@db-2 listens on 127.0.0.1:" + closedPort + " (it said READY), but"
                + " this machine cannot connect to it (connection refused): a firewall there or between blocks the port;"
                + " open it, or choose an open one with -Drpcbench.server.port=PORT", e.getMessage());
    }

    private static String shOutput(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
