package rpcbench.grpc;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.protobuf.CodedOutputStream;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import rpcbench.api.RpcSettings;

/**
 * The gRPC settings shared by {@link GrpcClient} and {@link GrpcServer}, chosen as grpc-java's own
 * qps benchmarks ({@code io.grpc.benchmarks.qps.AsyncServer} / {@code AsyncClient} and
 * {@code io.grpc.benchmarks.Utils}) configure their fastest setup: application callbacks on the
 * Netty event loop ({@code --directexecutor}), the Netty default 1 MiB HTTP/2 flow-control window,
 * event loop groups of our own with daemon threads, and Netty's native epoll transport where it
 * loads, NIO elsewhere (Windows, macOS). Epoll where available is what grpc-java's benchmark driver
 * ({@code io.grpc.benchmarks.driver.LoadClient}) and grpc-netty-shaded choose; on loopback here it
 * measured the same as NIO (p50 within noise), so the maintainers' choice stands. A client's event
 * loop is by default run by the calling thread ({@link #CALLER_EVENT_LOOP}), which keeps each call
 * on one thread as the {@code AsyncClient}'s calls are; that is our choice, not a gRPC setting.
 */
public final class GrpcConfig {

    /**
     * {@code true} (default): gRPC runs application callbacks on the Netty event loop thread
     * ({@code directExecutor()} on server and channel, the qps benchmarks' {@code --directexecutor}).
     * {@code false}: gRPC's default executor, a shared cached thread pool, so that the cost of that
     * extra thread hop can be measured. Safe only because no handler here ever blocks.
     */
    public static final String DIRECT_EXECUTOR = "rpcbench.grpc.directExecutor";

    /**
     * {@code epoll} (default where Netty's native transport loads, that is on Linux) or {@code nio}.
     * Asking for epoll where it is unavailable falls back to NIO and says so.
     */
    public static final String EVENT_LOOP = "rpcbench.grpc.eventLoop";

    /**
     * {@code true} (default): each client's Netty event loop is run by the calling thread itself
     * ({@link CallerLoop}), so a call never changes thread, as in the qps {@code AsyncClient};
     * gRPC's callbacks then run on the caller whatever {@link #DIRECT_EXECUTOR} says.
     * {@code false}: each client has an event loop thread of its own and the caller waits for it
     * (the blocking stub), one hand-off to that thread and one back per call.
     */
    public static final String CALLER_EVENT_LOOP = "rpcbench.grpc.callerEventLoop";

    /** The HTTP/2 flow-control window: Netty's default, which the qps benchmarks pass explicitly. */
    static final int FLOW_CONTROL_WINDOW = NettyChannelBuilder.DEFAULT_FLOW_CONTROL_WINDOW;

    private static final AtomicBoolean PRINTED = new AtomicBoolean();

    private GrpcConfig() {
    }

    /**
     * gRPC's inbound message limit on both sides: the serialized size of a Blob or EchoMessage
     * whose payload is exactly {@link RpcSettings#maxMessageBytes()} bytes (a one-byte tag and the
     * varint length ahead of the bytes). So every payload the contract allows fits, and one byte
     * more is refused from the message's length prefix, before gRPC allocates anything for it.
     */
    static int maxInboundMessageSize() {
        int max = RpcSettings.maxMessageBytes();
        long framed = (long) CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(max) + max;
        return (int) Math.min(framed, Integer.MAX_VALUE);
    }

    static boolean directExecutor() {
        return flag(DIRECT_EXECUTOR);
    }

    static boolean callerEventLoop() {
        return flag(CALLER_EVENT_LOOP);
    }

    private static boolean flag(String name) {
        String text = System.getProperty(name, "true").trim().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("system property " + name + "='" + text + "' is neither true nor false");
        }
        return Boolean.parseBoolean(text);
    }

    /** Whether the epoll transport is in use: asked for (or by default) and loadable here. */
    static boolean epoll() {
        String wanted = System.getProperty(EVENT_LOOP, "epoll").trim().toLowerCase(Locale.ROOT);
        if (!wanted.equals("epoll") && !wanted.equals("nio")) {
            throw new IllegalArgumentException(
                    "system property " + EVENT_LOOP + "='" + wanted + "' is neither epoll nor nio");
        }
        return wanted.equals("epoll") && epollAvailable();
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false; // the epoll jar is not on the class path: NIO it is
        }
    }

    /**
     * An event loop group of {@code threads} daemon threads (0: Netty's default, twice the cores),
     * so that a forgotten group can never keep a JVM alive; its owner still shuts it down.
     */
    static EventLoopGroup newEventLoopGroup(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), ioHandlerFactory());
    }

    static IoHandlerFactory ioHandlerFactory() {
        return epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    static Class<? extends Channel> clientChannelType() {
        return epoll() ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static Class<? extends ServerChannel> serverChannelType() {
        return epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Shuts a group down at once (no quiet period) and waits a bounded time for its threads. */
    static void shutdown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** The effective configuration in one line. */
    static String describe() {
        String wanted = System.getProperty(EVENT_LOOP, "epoll");
        return "grpc: event loop " + (epoll() ? "epoll" : "nio")
                + (wanted.trim().equalsIgnoreCase("epoll") && !epoll() ? " (epoll unavailable here)" : "")
                + ", " + (directExecutor() ? "direct executor" : "default executor")
                + ", client " + (callerEventLoop() ? "runs its event loop on the calling thread" : "event loop thread")
                + ", flow-control window " + FLOW_CONTROL_WINDOW + " B"
                + ", max payload " + RpcSettings.maxMessageBytes() + " B (message " + maxInboundMessageSize() + " B)"
                + ", call timeout " + RpcSettings.callTimeoutMillis() + " ms"
                + ", idle timeout " + RpcSettings.idleTimeoutMillis() + " ms";
    }

    /** Prints {@link #describe()} to stderr once per JVM (stdout may belong to a control protocol). */
    static void printOnce() {
        if (PRINTED.compareAndSet(false, true)) {
            System.err.println(describe());
        }
    }
}
