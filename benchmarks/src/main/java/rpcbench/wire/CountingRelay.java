package rpcbench.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay that counts the bytes going each way: a client connects to the relay's
 * port, the relay connects to the server, and two threads per connection copy bytes while
 * counting them. It counts what the application writes to its socket (TCP/IP headers are not
 * included). Used only in the untimed wire pass, so its own latency does not matter.
 */
final class CountingRelay implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    CountingRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "wire-relay-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    long upBytes() {
        return up.get();
    }

    long downBytes() {
        return down.get();
    }

    /** Connections whose two directions are not both closed yet. */
    int openConnections() {
        return open.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                server.connect(target, 5000);
                sockets.add(client);
                sockets.add(server);
                open.incrementAndGet();
                AtomicInteger directions = new AtomicInteger(2);
                pump(client, server, up, directions);
                pump(server, client, down, directions);
            } catch (IOException e) {
                // listener closed, or the server refused: the client sees its connection fail
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter, AtomicInteger directions) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    counter.addAndGet(n);
                    out.write(buffer, 0, n);
                }
                to.shutdownOutput(); // pass the end of stream on, as a direct connection would
            } catch (IOException e) {
                closeQuietly(to); // a reset on one side resets the other
            } finally {
                if (directions.decrementAndGet() == 0) {
                    closeQuietly(from);
                    closeQuietly(to);
                    open.decrementAndGet();
                }
            }
        }, "wire-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(CountingRelay::closeQuietly);
    }
}
