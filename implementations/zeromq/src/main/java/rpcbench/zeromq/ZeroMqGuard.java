package rpcbench.zeromq;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import zmq.Msg;
import zmq.io.Metadata;
import zmq.msg.MsgAllocator;

import rpcbench.api.ServerLimits;

/**
 * Stands between JeroMQ's frame decoder and the heap, as the ROUTER's message allocator
 * (ZMQ_MSG_ALLOCATOR), which the decoder calls with every frame's announced size before a byte of
 * its body arrives.
 *
 * <p>JeroMQ 0.6.0 (the latest release) compares the ZMTP 8-byte frame size with ZMQ_MAXMSGSIZE as
 * a signed number, so a size with the top bit set passes: 2^64-1 reaches the allocator as -1 and
 * threw NegativeArraySizeException on the I/O thread (which then spun and served nobody), and
 * 0x8000000040000000 as 1 GiB. Here a size outside 0..max, or one that the server's budget of
 * bytes for incomplete messages ({@link ServerLimits}) cannot hold, gets an empty frame instead,
 * nothing is allocated, and the connection that sent it is dropped: the allocator has no handle on
 * the connection, but the decoder then stamps the frame with the connection's metadata (its peer
 * address), and the ROUTER's monitor has told which accepted channel has that address; its input is
 * shut, so JeroMQ reads end-of-stream and closes the connection the way it closes any other. A
 * client sees its connection drop, as for a frame above ZMQ_MAXMSGSIZE.
 *
 * <p>A frame counted in the budget gives its bytes back when the ROUTER thread has handled it
 * ({@link #release}), or, if it never completes (its connection dropped half-way), when the
 * collector finds it unreachable. Frames of up to {@link ServerLimits#UNCOUNTED_BYTES} are
 * allocated exactly as JeroMQ's default allocator does.
 */
final class ZeroMqGuard implements MsgAllocator, AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();
    /** JeroMQ's default allocator puts frames above this in direct buffers (Config.MSG_ALLOCATION_HEAP_THRESHOLD). */
    private static final int DIRECT_ABOVE = 1024 * 1024;

    private final int maxMessageBytes;
    private final ServerLimits limits;
    private final Map<String, SocketChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, String> pendingDrops = new ConcurrentHashMap<>();
    private final ZMQ.Socket monitor;
    private final String monitorAddress;
    private Thread monitorThread;

    ZeroMqGuard(ZMQ.Context context, int maxMessageBytes, ServerLimits limits) {
        this.maxMessageBytes = maxMessageBytes;
        this.limits = limits;
        this.monitor = context.socket(SocketType.PAIR);
        this.monitorAddress = "inproc://rpcbench-zeromq-guard-" + System.identityHashCode(this);
    }

    /** Installs the allocator and the monitor on {@code router}; call before it binds. */
    void guard(ZMQ.Socket router) {
        router.setMsgAllocator(this);
        router.monitor(monitorAddress, zmq.ZMQ.ZMQ_EVENT_ACCEPTED | zmq.ZMQ.ZMQ_EVENT_DISCONNECTED
                | zmq.ZMQ.ZMQ_EVENT_CLOSED);
        monitor.connect(monitorAddress);
        monitorThread = new Thread(this::watchConnections, "zeromq-guard-monitor");
        monitorThread.setDaemon(true);
        monitorThread.start();
    }

    @Override
    public Msg allocate(int size) {
        if (size >= 0 && size <= ServerLimits.UNCOUNTED_BYTES) {
            return zmq.ZMQ.DEFAULT_MSG_ALLOCATOR.allocate(size);
        }
        if (size < 0 || size > maxMessageBytes) {
            return new Refused("a frame announcing " + Integer.toUnsignedString(size) + "+ bytes (above "
                    + maxMessageBytes + ", or beyond 2^63)");
        }
        long taken = limits.reserve(size);
        return taken < 0 ? new Refused(limits.overBudget(size)) : new Counted(size, taken, limits);
    }

    /** Gives back the budget of a frame the ROUTER thread has handled (any other frame: nothing). */
    static void release(Msg frame) {
        if (frame instanceof Counted counted) {
            counted.release.run();
        }
    }

    /** Keeps the accepted channels by peer address, for {@link Refused} to find its connection's. */
    private void watchConnections() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                zmq.ZMQ.Event event = zmq.ZMQ.Event.read(monitor.base(), 0);
                if (event == null) {
                    return; // context terminated
                }
                SelectableChannel channel = event.getChannel(monitor.base());
                if (channel instanceof SocketChannel socket) {
                    if (event.event == zmq.ZMQ.ZMQ_EVENT_ACCEPTED) {
                        String peer = peer(socket);
                        if (peer != null) {
                            channels.put(peer, socket);
                            String why = pendingDrops.remove(peer);
                            if (why != null) {
                                drop(peer, why); // its bad frame came before this event
                            }
                        }
                    } else {
                        channels.values().remove(socket);
                    }
                }
                channels.values().removeIf(c -> !c.isOpen());
            }
        } catch (ZMQException | IllegalStateException e) {
            // the context is closing
        } finally {
            monitor.close();
        }
    }

    /** The peer address as JeroMQ writes it into a connection's metadata ({@code host:port}). */
    private static String peer(SocketChannel socket) {
        try {
            SocketAddress remote = socket.getRemoteAddress();
            return remote instanceof InetSocketAddress a ? a.getAddress().getHostAddress() + ":" + a.getPort() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void drop(String peer, String why) {
        SocketChannel channel = peer == null ? null : channels.remove(peer);
        if (channel == null && peer != null) {
            // The monitor may not have seen this connection's ACCEPTED yet: it drops it when it does.
            pendingDrops.put(peer, why);
            channel = channels.remove(peer);
            if (channel == null || pendingDrops.remove(peer) == null) {
                return;
            }
        }
        if (channel == null) {
            System.err.println("zeromq server: refused " + why + " from an unknown peer (connection not found)");
            return;
        }
        System.err.println("zeromq server: refused " + why + "; dropping the connection from " + peer);
        try {
            channel.shutdownInput(); // JeroMQ's I/O thread reads end-of-stream and closes the connection
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        if (monitorThread != null) {
            monitorThread.interrupt();
        }
        channels.clear();
    }

    /**
     * An empty frame in place of one that is refused. The decoder reads no body into it; when the
     * engine stamps it with the connection's metadata, the connection is dropped.
     */
    private final class Refused extends Msg {
        private final String why;
        private final AtomicBoolean dropped = new AtomicBoolean();

        Refused(String why) {
            super(0);
            this.why = why;
        }

        @Override
        public Msg setMetadata(Metadata metadata) {
            if (metadata != null && dropped.compareAndSet(false, true)) {
                drop(metadata.get(Metadata.PEER_ADDRESS), why);
            }
            return super.setMetadata(metadata);
        }
    }

    /** A frame whose bytes are counted in the budget until it is handled or collected. */
    private static final class Counted extends Msg {
        final Runnable release;

        Counted(int size, long taken, ServerLimits limits) {
            super(size > DIRECT_ABOVE ? ByteBuffer.allocateDirect(size) : ByteBuffer.wrap(new byte[size]));
            AtomicBoolean given = new AtomicBoolean();
            Runnable giveBack = () -> {
                if (given.compareAndSet(false, true)) {
                    limits.release(taken);
                }
            };
            CLEANER.register(this, giveBack);
            release = giveBack;
        }
    }
}
