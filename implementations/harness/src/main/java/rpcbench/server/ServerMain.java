package rpcbench.server;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import rpcbench.api.CallAuth;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.tls.Tls;
import rpcbench.os.ServerRegistry;

/**
 * One server process: starts the server of one transport (or of an application, {@link rpcbench.api.AppServer},
 * named {@code app-transport}: {@link ServerChoice}), prints {@code READY <port>} on stdout,
 * then obeys control lines on stdin until {@code STOP} or end of stdin.
 *
 * <p>A TLS server (or ZeroMQ's CURVE) first prints {@code TRUST <text>}: what its clients must trust
 * ({@link RpcServer#clientTrust()}).
 *
 * <p>Control protocol (one line each way): {@code STATS} answers a {@link ServerStats} line;
 * {@code GC} collects garbage first, then answers the same;
 * {@code STOP} answers {@code STOPPED} and exits. End of stdin also exits: it is how the server
 * notices that its parent died, on every OS, so no server outlives the benchmark that started it.
 * Stdout carries only the control protocol; anything a framework prints goes to stderr (the log).
 *
 * <p>With {@code --foreground} (a server run by hand: {@code benchmarks.jar server}) there is no
 * control channel: the server prints {@code READY <port>} and how to use it, and serves until the
 * JVM is told to stop (Ctrl-C, SIGTERM), also when its stdin closes, so it can run in the
 * background or under ssh.
 *
 * <pre>java -cp CLASSPATH rpcbench.server.ServerMain --transport NAME [--bind ADDRESS] [--port N] [--foreground]</pre>
 */
public final class ServerMain {

    static final int EXIT_USAGE = 2;
    static final int EXIT_START_FAILED = 3;
    private static final long CLOSE_GRACE_MILLIS = 10_000;

    private ServerMain() {
    }

    public static void main(String[] args) {
        // Keep the real stdout for the control protocol; stray prints of frameworks go to the log.
        PrintStream control = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        String transportName = null;
        String bind = "127.0.0.1";
        String portText = "0";
        boolean foreground = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--foreground")) {
                foreground = true;
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--transport" -> transportName = value;
                case "--bind" -> bind = value;
                case "--port" -> portText = value;
                default -> usage("unknown option '" + args[i] + "'");
            }
            if (value == null) {
                usage("option " + args[i] + " needs a value");
            }
            i++;
        }
        if (transportName == null) {
            usage("--transport is required (valid choices: " + String.join(", ", ServerChoice.names()) + ")");
        }
        int port = parsePort(portText);
        ServerChoice transport = null;
        InetAddress address = null;
        RpcServer server = null;
        try {
            transport = ServerChoice.byName(transportName);
            address = InetAddress.getByName(bind);
        } catch (IllegalArgumentException | UnknownHostException e) {
            usage(e instanceof UnknownHostException ? "cannot resolve bind address '" + bind + "'" : e.getMessage());
        }
        try {
            // This JVM's settings, read once: the launcher passed its own on as -D flags.
            server = transport.newServer(RpcSettings.current());
        } catch (IllegalArgumentException e) {
            refuse(e.getMessage()); // a setting the transport cannot serve with: a server mode it has not
        }

        int boundPort;
        try {
            boundPort = server.start(address, port);
        } catch (BindException e) {
            fail(server, transportName + " server cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (is the port in use? use port 0 for a free one)", e);
            return;
        } catch (IOException | RuntimeException e) {
            fail(server, transportName + " server failed to start on " + bind + ":" + port + ": " + e, e);
            return;
        }
        if (!address.isLoopbackAddress()) {
            System.err.println("WARNING: " + transportName + " server listens on " + bind + ", which is NOT a loopback "
                    + "address: other machines can reach it.");
        }
        // preflight finds servers by these announcements (Windows shows no other process's command line)
        AutoCloseable announced = ServerRegistry.forThisUser().announce(transportName);
        String trust = server.clientTrust();
        if (trust != null) {
            control.println(ServerProcess.TRUST_LINE + trust); // before READY: what its clients must trust
        }
        control.println("READY " + boundPort);
        // After READY: a server run by hand prints nothing before it on the output it shares with its log.
        System.err.println("server: " + transportName + " " + transport.describe(RpcSettings.current())
                + (CallAuth.server(transportName, RpcSettings.current()).required() ? "; bearer token demanded on every call" : ""));
        if (foreground) {
            control.println("server: " + transportName + " serves on " + bind + ":" + boundPort + " until Ctrl-C; use it"
                    + " with -D" + ServerLaunch.ADDRESS.name() + "=HOST:" + boundPort + " -p transport="
                    + transport.benchmarkTransport() + (trust == null ? "" : " -p tls=true -D" + Tls.TRUST + "=" + trust));
            serveUntilStopped(server);
            return;
        }
        serveControl(control);
        stop(server);
        closeQuietly(announced);
        control.println("STOPPED");
        System.exit(0);
    }

    /** Serves until this JVM is told to stop; the shutdown hook closes the server first. */
    private static void serveUntilStopped(RpcServer server) {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(server);
            stopped.countDown();
        }, "rpcbench-server-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Obeys control lines until STOP or end of stdin. */
    private static void serveControl(PrintStream control) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.trim()) {
                    case "STATS" -> control.println(ServerStats.sampleThisProcess().toLine());
                    case "GC" -> {
                        System.gc(); // so that heap in use is what is still reachable, for leak checks
                        control.println(ServerStats.sampleThisProcess().toLine());
                    }
                    case "STOP" -> {
                        return;
                    }
                    case "" -> { }
                    default -> control.println("ERROR unknown command '" + line.trim() + "' (valid: STATS, GC, STOP)");
                }
            }
        } catch (IOException e) {
            System.err.println("control channel failed, stopping: " + e);
        }
    }

    /** Closes the server, but never lets a stuck framework keep the process alive. */
    private static void stop(RpcServer server) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(CLOSE_GRACE_MILLIS);
                System.err.println("server did not close within " + CLOSE_GRACE_MILLIS + " ms; halting");
                Runtime.getRuntime().halt(4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rpcbench-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            server.close();
        } catch (RuntimeException e) {
            System.err.println("server close failed: " + e);
        }
    }

    /** Ends an announcement; a file left behind is swept by the next preflight. */
    static void closeQuietly(AutoCloseable announcement) {
        try {
            announcement.close();
        } catch (Exception e) {
            System.err.println("server: announcement not removed: " + e);
        }
    }

    private static int parsePort(String text) {
        try {
            return ServerLaunch.parsePort(text);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return -1;
        }
    }

    /** One line and {@link #EXIT_USAGE}: a request the command line was right to make, but that cannot be served. */
    private static void refuse(String problem) {
        System.err.println("ServerMain: " + problem);
        System.exit(EXIT_USAGE);
    }

    private static void usage(String problem) {
        System.err.println("ServerMain: " + problem);
        System.err.println("usage: ServerMain --transport NAME [--bind ADDRESS] [--port N] [--foreground]");
        System.exit(EXIT_USAGE);
    }

    private static void fail(RpcServer server, String message, Throwable cause) {
        System.err.println("ServerMain: " + message);
        cause.printStackTrace();
        stop(server);
        System.exit(EXIT_START_FAILED);
    }
}
