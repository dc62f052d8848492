package rpcbench.orchestration;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;

import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transports;
import rpcbench.server.ServerLaunch;

/**
 * {@code server --transport NAME [--port P] [--bind ADDRESS]}: one server run by hand, in the
 * foreground, until Ctrl-C or a kill; a benchmark run then uses it with
 * {@code -Drpcbench.server.address=HOST:PORT}. Prints {@code READY <port>} when it serves. Unlike
 * the servers a run starts for itself, it does not stop when its stdin closes, so it can run in
 * the background or under ssh.
 */
public final class ServerCommand {

    static final String USAGE = "usage: server --transport NAME [--port P (default 0: any free)] [--bind ADDRESS"
            + " (default 127.0.0.1)]";

    private ServerCommand() {
    }

    public static int run(String[] args) {
        String transport = null;
        String bind = "127.0.0.1";
        int port = 0;
        InetAddress address;
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (value == null ? "" : args[i]) {
                    case "--transport" -> transport = Transports.byName(value).name();
                    case "--bind" -> bind = value;
                    case "--port" -> port = ServerLaunch.parsePort(value);
                    default -> throw new IllegalArgumentException("unexpected '" + args[i] + "' (" + USAGE + ")");
                }
            }
            if (transport == null) {
                throw new IllegalArgumentException("--transport is required (valid choices: "
                        + String.join(", ", Transports.names()) + ")");
            }
            address = resolve(bind);
        } catch (IllegalArgumentException e) {
            System.err.println("server: " + e.getMessage());
            return 2;
        }
        return serve(transport, address, port);
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

    private static InetAddress resolve(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind '" + bind + "' is not an address of this machine");
        }
    }
}
