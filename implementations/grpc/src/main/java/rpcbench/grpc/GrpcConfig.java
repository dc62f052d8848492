package rpcbench.grpc;

import java.net.StandardSocketOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.protobuf.CodedOutputStream;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import rpcbench.api.CallAuth;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerLimits;
import rpcbench.api.Setting;
import rpcbench.api.SharedPort;
import rpcbench.api.tls.Tls;

/**
 * The gRPC settings shared by {@link GrpcClient} and {@link GrpcServer}, taken from the
 * {@link RpcSettings} each is made with, chosen as grpc-java's own
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
     * {@code true} (default): a client's channel runs gRPC's callbacks on its Netty event loop thread
     * ({@code directExecutor()}, the qps benchmarks' {@code --directexecutor}). {@code false}: gRPC's
     * default executor, a shared cached thread pool, so that the cost of that extra thread hop can be
     * measured (a caller-run event loop always runs them on the caller). The server's executor is
     * its server mode ({@link GrpcServer#MODES}).
     */
    public static final Setting<Boolean> DIRECT_EXECUTOR = Setting.flag("rpcbench.grpc.directExecutor", true,
            "grpc client: callbacks on the channel's event loop (qps --directexecutor); false: gRPC's cached pool"
                    + " (the server's executor is its serverMode)");

    /**
     * {@code epoll} (default where Netty's native transport loads, that is on Linux) or {@code nio}.
     * Asking for epoll where it is unavailable falls back to NIO and says so.
     */
    public static final Setting<String> EVENT_LOOP = Setting.choice("rpcbench.grpc.eventLoop", "epoll",
            "grpc: Netty transport, epoll (NIO where epoll does not load) or nio", "epoll", "nio");

    /**
     * {@code true} (default): each client's Netty event loop is run by the calling thread itself
     * ({@link CallerLoop}), so a call never changes thread, as in the qps {@code AsyncClient};
     * gRPC's callbacks then run on the caller whatever {@link #DIRECT_EXECUTOR} says.
     * {@code false}: each client has an event loop thread of its own and the caller waits for it
     * (the blocking stub), one hand-off to that thread and one back per call.
     */
    public static final Setting<Boolean> CALLER_EVENT_LOOP = Setting.flag("rpcbench.grpc.callerEventLoop", true,
            "grpc: each client's event loop runs on the calling thread; false: a loop thread per client");

    /**
     * RST_STREAM frames a server accepts from one connection per second before it closes the
     * connection (grpc-java's {@code maxRstFramesPerWindow}, its protection against HTTP/2 rapid
     * reset, CVE-2023-44487; off by default in gRPC). Default 200: far above what a client that
     * cancels a stream now and then sends.
     */
    public static final Setting<Integer> MAX_RST_PER_SECOND = Setting.positiveInt("rpcbench.grpc.maxRstPerSecond",
            200, "grpc: RST_STREAM frames a connection may send per second before the server closes it");

    /** The settings of this class. */
    static final List<Setting<?>> SETTINGS = List.of(DIRECT_EXECUTOR, EVENT_LOOP, CALLER_EVENT_LOOP, MAX_RST_PER_SECOND,
            GrpcTls.PROVIDER);

    /** The HTTP/2 flow-control window: Netty's default, which the qps benchmarks pass explicitly. */
    static final int FLOW_CONTROL_WINDOW = NettyChannelBuilder.DEFAULT_FLOW_CONTROL_WINDOW;

    private static final AtomicBoolean PRINTED = new AtomicBoolean();

    final boolean directExecutor;
    final boolean callerEventLoop;
    /** Whether the epoll transport is in use: asked for (or by default) and loadable here. */
    final boolean epoll;
    private final boolean epollAsked;
    final int maxPayloadBytes;
    final int callTimeoutMillis;
    final int idleTimeoutMillis;
    final int maxRstPerSecond;
    final int maxCallsPerConnection;
    /** Whether the server binds with SO_REUSEPORT (several server processes on one port). */
    final boolean reusePort;
    /** The client's {@code Bearer <token>} (null: none) and the server's check ({@link GrpcAuth}). */
    final String bearer;
    final CallAuth auth;
    /** Whether client and server talk TLS ({@link Tls#ENABLED}), and through which provider ({@link GrpcTls#PROVIDER}). */
    final boolean tls;
    final String tlsProvider;

    private GrpcConfig(RpcSettings settings) {
        tls = Tls.on(settings);
        tlsProvider = settings.get(GrpcTls.PROVIDER);
        directExecutor = settings.get(DIRECT_EXECUTOR);
        callerEventLoop = settings.get(CALLER_EVENT_LOOP);
        epollAsked = settings.get(EVENT_LOOP).equals("epoll");
        epoll = epollAsked && epollAvailable();
        maxPayloadBytes = settings.maxMessageBytes();
        callTimeoutMillis = settings.callTimeoutMillis();
        idleTimeoutMillis = settings.idleTimeoutMillis();
        maxRstPerSecond = settings.get(MAX_RST_PER_SECOND);
        maxCallsPerConnection = settings.get(ServerLimits.STREAMS_PER_CONNECTION);
        reusePort = SharedPort.asked(settings);
        bearer = CallAuth.clientBearer(settings);
        auth = CallAuth.server("grpc", settings);
    }

    /** The gRPC configuration that {@code settings} give. */
    static GrpcConfig of(RpcSettings settings) {
        return new GrpcConfig(settings);
    }

    /**
     * gRPC's inbound message limit on both sides: the serialized size of a Blob or EchoMessage
     * whose payload is exactly {@link RpcSettings#MAX_MESSAGE_BYTES} bytes (a one-byte tag and the
     * varint length ahead of the bytes). So every payload the contract allows fits, and one byte
     * more is refused from the message's length prefix, before gRPC allocates anything for it.
     */
    int maxInboundMessageSize() {
        int max = maxPayloadBytes;
        long framed = (long) CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(max) + max;
        return (int) Math.min(framed, Integer.MAX_VALUE);
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
    EventLoopGroup newEventLoopGroup(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), ioHandlerFactory());
    }

    IoHandlerFactory ioHandlerFactory() {
        return epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends Channel> clientChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** SO_REUSEPORT as an option of {@link #serverChannelType()}: epoll's own, or the JDK's through NIO. */
    ChannelOption<Boolean> reusePortOption() {
        return epoll ? EpollChannelOption.SO_REUSEPORT : NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
    }

    Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Shuts a group down at once (no quiet period) and waits a bounded time for its threads. */
    static void shutdown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** The effective configuration in one line. */
    String describe() {
        return "grpc: event loop " + (epoll ? "epoll" : "nio")
                + (epollAsked && !epoll ? " (epoll unavailable here)" : "")
                + ", client " + (directExecutor ? "direct executor" : "default executor")
                + ", client " + (callerEventLoop ? "runs its event loop on the calling thread" : "event loop thread")
                + ", flow-control window " + FLOW_CONTROL_WINDOW + " B"
                + ", max payload " + maxPayloadBytes + " B (message " + maxInboundMessageSize() + " B)"
                + ", call timeout " + callTimeoutMillis + " ms"
                + ", idle timeout " + idleTimeoutMillis + " ms"
                + ", server: at most " + maxCallsPerConnection + " calls per connection and "
                + maxRstPerSecond + " RST_STREAM per second"
                + (tls ? ", TLS through " + GrpcTls.describe(tlsProvider) : ", plaintext HTTP/2");
    }

    /** Prints {@link #describe()} to stderr once per JVM (stdout may belong to a control protocol). */
    void printOnce() {
        if (PRINTED.compareAndSet(false, true)) {
            System.err.println(describe());
        }
    }
}
