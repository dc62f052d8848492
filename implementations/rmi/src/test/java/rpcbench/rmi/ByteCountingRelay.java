package rpcbench.rmi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import rpcbench.api.Endpoint;

/**
 * A loopback relay in front of a real server that counts connections and the bytes moved each way:
 * the kind of relay through which {@link RmiTransport#CONNECT_VIA} is meant to send RMI traffic.
 * One thread per direction per connection; test use only.
 */
final class ByteCountingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final Endpoint server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();

    ByteCountingRelay(Endpoint server) throws IOException {
        this.server = server;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start("relay-accept", this::serve);
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** Bytes from clients to the server. */
    long bytesUp() {
        return up.get();
    }

    /** Bytes from the server to clients. */
    long bytesDown() {
        return down.get();
    }

    private void serve() {
        try {
            while (true) {
                Socket client = listener.accept();
                sockets.add(client);
                Socket target = new Socket(server.host(), server.port());
                sockets.add(target);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                connections.incrementAndGet();
                start("relay-up", () -> copy(client, target, up));
                start("relay-down", () -> copy(target, client, down));
            }
        } catch (IOException e) {
            // the listener was closed: the relay is done
        }
    }

    /** Copies until either side ends, counting what passes, then ends both sides. */
    private static void copy(Socket source, Socket target, AtomicLong counter) {
        try (source; target) {
            InputStream in = source.getInputStream();
            OutputStream out = target.getOutputStream();
            byte[] buffer = new byte[32 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                counter.addAndGet(n);
            }
        } catch (IOException e) {
            // a side went away; closing both (above) tells the other
        }
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
