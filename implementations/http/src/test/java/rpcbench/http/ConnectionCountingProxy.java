package rpcbench.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import rpcbench.api.Endpoint;

/**
 * A loopback TCP forwarder between a client and a real server that counts the connections the client
 * opens, so a test can see how many connections an HTTP library uses for calls in flight.
 */
final class ConnectionCountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final Endpoint target;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ConnectionCountingProxy(Endpoint target) throws IOException {
        this.target = target;
        listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", this::acceptAll);
    }

    Endpoint endpoint() {
        return Endpoint.loopback(listener.getLocalPort());
    }

    /** Connections accepted so far. */
    int connections() {
        return accepted.get();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.host(), target.port());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                accepted.incrementAndGet();
                daemon("proxy-up", () -> pump(client, server));
                daemon("proxy-down", () -> pump(server, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // one side went away; closing both ends below tells the other
        }
        close(from);
        close(to);
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(ConnectionCountingProxy::close);
    }
}
