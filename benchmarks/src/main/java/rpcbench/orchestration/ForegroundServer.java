package rpcbench.orchestration;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;

import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transports;
import rpcbench.os.ServerRegistry;

/**
 * One server run by hand ({@code server}), in the
 * foreground, until Ctrl-C or a kill; a benchmark run then uses it with
 * {@code -Drpcbench.server.address=HOST:PORT}. Prints {@code READY <port>} when it serves. Unlike
 * the servers a run starts for itself, it does not stop when its stdin closes, so it can run in
 * the background or under ssh.
 */
public final class ForegroundServer {

    private ForegroundServer() {
    }

    /** Serves until this JVM is told to stop; returns the exit code (1 when it cannot listen). */
    public static int serve(String transport, String bind, int port) {
        return serve(transport, resolve(bind), port);
    }

    private static int serve(String transport, InetAddress address, int port) {
        RpcServer server = Transports.byName(transport).newServer(RpcSettings.current());
        int bound;
        try {
            bound = server.start(address, port);
        } catch (IOException | RuntimeException e) {
            System.err.println("server: " + transport + " cannot listen on " + address.getHostAddress() + ":" + port
                    + ": " + e.getMessage());
            server.close();
            return 1;
        }
        if (!address.isLoopbackAddress()) {
            System.err.println("server: WARNING: " + transport + " listens on " + address.getHostAddress() + ", which"
                    + " is NOT loopback: every machine that can reach it can call it; nothing is authenticated.");
        }
        ServerRegistry.forThisUser().announce(transport); // removed when this JVM exits
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "rpcbench-server-command-stop"));
        System.out.println("READY " + bound);
        System.out.println("server: " + transport + " serves on " + address.getHostAddress() + ":" + bound
                + " until Ctrl-C; use it with -Drpcbench.server.address=HOST:" + bound + " -p transport=" + transport);
        try {
            stopped.await(); // until the shutdown hook has closed the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The address to bind; throws IllegalArgumentException naming it when this machine has no such address. */
    public static InetAddress resolve(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind '" + bind + "' is not an address of this machine");
        }
    }
}
