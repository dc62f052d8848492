package rpcbench.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import rpcbench.api.CallAuth;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerLimits;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.SharedPort;

/**
 * The {@code selector} mode of the floor: one thread and one NIO {@link Selector} accept, read and
 * answer every connection with non-blocking channels, the event-loop design of Netty and of
 * Java-WebSocket without either framework. The wire format is the same as {@link TcpServer}'s;
 * what each connection does is {@link TcpSelectorConnection}. Connections without progress for
 * {@link RpcSettings#IDLE_TIMEOUT_MS} are closed on the selector's next wake-up (at most a second
 * late); messages above {@link ServerLimits#UNCOUNTED_BYTES} take their size from the budget.
 */
final class TcpSelectorServer implements RpcServer {

    static final ServerMode SELECTOR = ServerMode.of("selector", "one thread and one NIO Selector for every"
            + " connection, non-blocking reads and writes");

    private static final long WAKE_MILLIS = 1_000;

    private final int maxMessageBytes;
    private final long idleNanos;
    private final ServerLimits limits;
    private final ServerWork work;
    private final boolean reusePort;
    private final CallAuth auth;
    private Selector selector;
    private ServerSocketChannel listener;
    private Thread loop;
    private volatile boolean closing;

    TcpSelectorServer(RpcSettings settings) {
        maxMessageBytes = settings.maxMessageBytes();
        idleNanos = TimeUnit.MILLISECONDS.toNanos(settings.idleTimeoutMillis());
        limits = ServerLimits.of(settings);
        work = ServerWork.of(settings);
        reusePort = SharedPort.asked(settings);
        auth = CallAuth.server("tcp", settings);
    }

    @Override
    public int start(InetAddress address, int port) throws IOException {
        selector = Selector.open();
        listener = ServerSocketChannel.open();
        listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        listener.setOption(StandardSocketOptions.SO_RCVBUF, TcpProtocol.BUFFER_BYTES);
        if (reusePort) {
            listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        listener.bind(new InetSocketAddress(address, port), 128);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        loop = new Thread(this::serve, "tcp-selector");
        loop.setDaemon(true);
        loop.start();
        return listener.socket().getLocalPort();
    }

    private void serve() {
        try {
            while (!closing) {
                selector.select(key -> {
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        ((TcpSelectorConnection) key.attachment()).ready(key);
                    }
                }, WAKE_MILLIS);
                long now = System.nanoTime();
                for (SelectionKey key : selector.keys()) {
                    if (key.attachment() instanceof TcpSelectorConnection c) {
                        c.closeIfIdle(now, idleNanos);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                System.err.println("tcp server: selector failed: " + e);
            }
        } finally {
            closeAll(); // on this thread: a Selector's key set is not safe to walk from another
        }
    }

    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof TcpSelectorConnection c) {
                c.close();
            }
        }
        try {
            listener.close();
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void accept() {
        try {
            SocketChannel channel = listener.accept();
            if (channel == null) {
                return;
            }
            TcpProtocol.configure(channel.socket());
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            key.attach(new TcpSelectorConnection(channel, maxMessageBytes, limits, work, auth));
        } catch (IOException e) {
            System.err.println("tcp server: accept failed: " + e);
        }
    }

    @Override
    public void close() {
        closing = true;
        if (loop == null) {
            return;
        }
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
