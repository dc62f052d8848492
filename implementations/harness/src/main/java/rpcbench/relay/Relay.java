package rpcbench.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import rpcbench.api.Endpoint;

/**
 * A loopback TCP relay in front of one server: a client connects to the relay's port, the relay
 * connects to the server, and each direction of each connection goes through a {@link DelayLine}
 * that counts its bytes (what the application writes, without TCP/IP headers) and holds each chunk
 * for a fixed one-way delay (0: passed on at once). Used by the bytes-on-the-wire pass (delay 0),
 * by the emulated LAN of {@link NetDelay}, and by transport tests that count connections or bytes.
 *
 * <p>Its {@link #endpoint()} says that it fronts the server ({@link Endpoint#fronting()}), so a
 * client whose framework learns the server's own address after connecting (Java RMI stubs carry it)
 * can send those connections through the relay too; any number of relays can be open at once.
 * TCP_NODELAY is on for both of its sockets of every connection: it must not add Nagle's wait.
 */
public final class Relay implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final Endpoint server;
    private final InetSocketAddress target;
    private final long delayNanos;
    private final ServerSocket listener;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final AddedDelay upDelay;
    private final AddedDelay downDelay;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    /** Sockets of connections not finished yet (ConnectBenchmark makes thousands in a trial). */
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    /** A relay on a loopback port of its own that delays each direction by {@code delayNanos}. */
    public Relay(Endpoint server, long delayNanos) throws IOException {
        this.server = server;
        this.target = new InetSocketAddress(server.host(), server.port());
        this.delayNanos = delayNanos;
        this.upDelay = new AddedDelay(delayNanos);
        this.downDelay = new AddedDelay(delayNanos);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("relay-acceptor", this::acceptLoop);
    }

    /** Where clients connect instead of the server: a loopback port that fronts it. */
    public Endpoint endpoint() {
        return Endpoint.relayFor("127.0.0.1", listener.getLocalPort(), server);
    }

    /** Bytes from clients to the server so far. */
    public long upBytes() {
        return up.get();
    }

    /** Bytes from the server to clients so far. */
    public long downBytes() {
        return down.get();
    }

    /** Delay really added to the chunks from clients to the server. */
    public AddedDelay upDelay() {
        return upDelay;
    }

    /** Delay really added to the chunks from the server to clients. */
    public AddedDelay downDelay() {
        return downDelay;
    }

    /** Connections accepted so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Connections whose two directions are not both closed yet. */
    public int openConnections() {
        return open.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
                accepted.incrementAndGet();
            } catch (IOException e) {
                continue; // closed: the loop ends
            }
            Socket server = new Socket();
            sockets.add(client);
            sockets.add(server);
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(target, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                finished(client, server); // the server refused: the client sees its connection fail
                continue;
            }
            relay(client, server);
        }
    }

    private void relay(Socket client, Socket server) {
        open.incrementAndGet();
        AtomicInteger directions = new AtomicInteger(2);
        Runnable oneDone = () -> {
            if (directions.decrementAndGet() == 0) {
                finished(client, server);
                open.decrementAndGet();
            }
        };
        new DelayLine(client, server, delayNanos, up, upDelay, oneDone).start("relay-up");
        new DelayLine(server, client, delayNanos, down, downDelay, oneDone).start("relay-down");
    }

    private void finished(Socket client, Socket server) {
        closeQuietly(client);
        closeQuietly(server);
        sockets.remove(client);
        sockets.remove(server);
    }

    static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(Relay::closeQuietly);
    }
}
