package rpcbench.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import rpcbench.api.Endpoint;
import rpcbench.os.Commands;
import rpcbench.server.ServerLaunch;
import rpcbench.server.ServerMain;

/**
 * Servers on a remote host: the ssh command that starts one, the check that this machine reaches the
 * port it announced, and the kill by its pid that backs up the end of stdin.
 *
 * <p>A remote server stops as a local one does: on {@code STOP}, or when its stdin ends, which ssh
 * (without a terminal) passes on when its own stdin closes or its connection drops. The command
 * first prints {@code PID <pid>} (the shell's, which {@code exec} hands to java), so that a server
 * whose ssh had to be killed, and every server still registered when this JVM exits (Ctrl-C), is
 * also killed there by pid, after checking that the pid is still an rpc-bench server.
 */
public final class RemoteServers {

    /** The first line a remote server's command prints, before READY. */
    public static final String PID_LINE = "PID ";
    private static final String MAIN = ServerMain.class.getName();
    private static final int REACH_MILLIS = 5_000;
    private static final long KILL_SECONDS = 10;
    private static final Map<Long, RemoteHost> RUNNING = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RemoteServers::kill),
                "rpcbench-remote-reaper"));
    }

    private RemoteServers() {
    }

    /**
     * The local command that runs {@code serverWords} (prefix, java, flags, main class and options)
     * on the deployed host, through ssh and {@code sh} there, after it prints {@code PID <pid>}.
     */
    public static List<String> command(RemoteDeployment.Deployed deployed, List<String> serverWords) {
        String script = "echo " + PID_LINE + "$$; exec " + Ssh.shell(serverWords);
        return Ssh.run(deployed.host(), "exec sh -c " + Ssh.quote(script));
    }

    /** Remembers a started server, so that it is killed there if this JVM exits first. */
    public static void started(RemoteHost host, long pid) {
        RUNNING.put(pid, host);
    }

    /** Forgets a server that is known to have exited. */
    public static void exited(long pid) {
        RUNNING.remove(pid);
    }

    /**
     * Kills the server of that pid on the host, if it is still there and still an rpc-bench server;
     * bounded, never throws. Returns a line saying what happened, for the log.
     */
    public static String kill(long pid, RemoteHost host) {
        RUNNING.remove(pid);
        try {
            Commands.Result r = Commands.system(KILL_SECONDS).run(Ssh.run(host, "sh -c " + Ssh.quote(killScript(pid))));
            return r.ok() ? "remote server pid " + pid + " on " + host + ": " + r.outText()
                    : "remote server pid " + pid + " on " + host + ": kill failed: " + r.firstErrorLine();
        } catch (IOException e) {
            return "remote server pid " + pid + " on " + host + ": kill failed: " + e.getMessage();
        }
    }

    /**
     * A script for {@code sh}: kills {@code pid} if its command line names the server's main class
     * (a pid reused by another process is left alone); prints {@code killed} or {@code gone}.
     */
    static String killScript(long pid) {
        String p = Long.toString(pid);
        return "if [ -r /proc/" + p + "/cmdline ]; then grep -q " + MAIN + " /proc/" + p + "/cmdline; else ps -o args= -p "
                + p + " 2>/dev/null | grep -q " + MAIN + "; fi && kill -9 " + p + " && echo killed || echo gone";
    }

    /**
     * Connects to the port a remote server announced and closes again: READY came over ssh, so the
     * server listens, and a refused or silent port is a firewall between here and there.
     *
     * @throws RemoteFailure in one line naming the port and the firewall
     */
    public static void checkReachable(String transport, RemoteHost host, Endpoint endpoint) throws RemoteFailure {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), REACH_MILLIS);
        } catch (ConnectException | SocketTimeoutException e) {
            String how = e instanceof SocketTimeoutException ? "no answer within " + REACH_MILLIS + " ms"
                    : "connection refused";
            throw new RemoteFailure(transport + " server on remote host " + host + " listens on " + endpoint
                    + " (it said READY), but this machine cannot connect to it (" + how + "): a firewall there or"
                    + " between blocks the port; open it, or choose an open one with -D"
                    + ServerLaunch.PORT.name() + "=PORT");
        } catch (IOException e) {
            throw new RemoteFailure(transport + " server on remote host " + host + " listens on " + endpoint
                    + ", but this machine cannot connect to it: " + e.getMessage());
        }
    }

    /** The servers still registered (for tests and the log). */
    static List<Long> running() {
        return new ArrayList<>(RUNNING.keySet());
    }
}
