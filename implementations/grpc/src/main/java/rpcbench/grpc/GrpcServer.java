package rpcbench.grpc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerLimits;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.tls.TlsIdentity;

/**
 * A Netty gRPC server set up like grpc-java's qps {@code AsyncServer}: one boss thread accepting
 * connections, a worker group of Netty's default size (twice the cores) serving them, and by
 * default the direct executor, so each RPC is handled on the event loop thread that read it
 * ({@link GrpcService} never blocks); the other {@link #MODES} hand calls to a pool. Payloads above {@link RpcSettings#MAX_MESSAGE_BYTES} are
 * refused from their length prefix, before any buffer of that size exists.
 *
 * <p>Idle connections ({@link RpcSettings#IDLE_TIMEOUT_MS}, 120 s unless set): one that has not
 * finished the HTTP/2 handshake by then is dropped ({@code handshakeTimeout}, gRPC's default is
 * also 120 s), one without a call in progress for that long gets a GOAWAY and is closed
 * ({@code maxConnectionIdle}, off by default; a channel reconnects by itself on its next call), and
 * one whose peer sends nothing for that long is pinged and closed when no answer comes
 * ({@code keepAliveTime}, default 2 hours, with gRPC's default 20 s {@code keepAliveTimeout}).
 *
 * <p>Hostile peers: at most {@link ServerLimits#STREAMS_PER_CONNECTION} calls run at once on one
 * connection ({@code maxConcurrentCallsPerConnection}, unlimited by default: HTTP/2's
 * SETTINGS_MAX_CONCURRENT_STREAMS), and a connection that resets more than
 * {@link GrpcConfig#MAX_RST_PER_SECOND} streams in a second is closed ({@code maxRstFramesPerWindow},
 * grpc-java's rapid-reset protection, off by default).
 */
final class GrpcServer implements RpcServer {

    /** The server modes, the first being the qps AsyncServer's direct executor. */
    static final List<ServerMode> MODES = List.of(
            ServerMode.of("direct", "gRPC's directExecutor(): each call handled on the Netty event loop that read it"
                    + " (qps AsyncServer --directexecutor)"),
            ServerMode.of("pool", "gRPC's default executor (no executor() call): calls handed to gRPC's shared"
                    + " cached thread pool"),
            ServerMode.of("fixed", "executor(Executors.newFixedThreadPool(cores)): calls handed to a fixed pool of"
                    + " one thread per available processor"));

    private final GrpcConfig config;
    private final ServerMode mode;
    private final ServerWork work;
    private ExecutorService fixedPool;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Server server;
    private TlsIdentity identity;

    GrpcServer(GrpcConfig config, ServerMode mode, ServerWork work) {
        this.config = config;
        this.mode = mode;
        this.work = work;
    }

    @Override
    public int start(InetAddress address, int port) throws IOException {
        boss = config.newEventLoopGroup(1, "grpc-server-boss");
        workers = config.newEventLoopGroup(0, "grpc-server-worker");
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(address, port))
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .channelType(config.serverChannelType())
                .withChildOption(ChannelOption.TCP_NODELAY, true) // Netty's default too; stated, not assumed
                .flowControlWindow(GrpcConfig.FLOW_CONTROL_WINDOW)
                .maxInboundMessageSize(config.maxInboundMessageSize())
                .handshakeTimeout(config.idleTimeoutMillis, TimeUnit.MILLISECONDS)
                .maxConnectionIdle(config.idleTimeoutMillis, TimeUnit.MILLISECONDS)
                .keepAliveTime(config.idleTimeoutMillis, TimeUnit.MILLISECONDS)
                .maxConcurrentCallsPerConnection(config.maxCallsPerConnection)
                .maxRstFramesPerWindow(config.maxRstPerSecond, 1)
                .addService(GrpcAuth.service(new GrpcService(config.maxPayloadBytes, work), config.auth));
        if (config.reusePort) {
            builder.withOption(config.reusePortOption(), true);
        }
        if (config.tls) {
            identity = TlsIdentity.generate(address);
            builder.sslContext(GrpcTls.server(identity, config.tlsProvider))
                    .intercept(GrpcTls.logFirstHandshake(config.tlsProvider));
        }
        switch (mode.name()) {
            case "direct" -> builder.directExecutor();
            case "fixed" -> {
                fixedPool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                        new DefaultThreadFactory("grpc-server-call", true));
                builder.executor(fixedPool);
            }
            default -> { } // "pool": gRPC's own default executor
        }
        try {
            server = builder.build().start();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        System.err.println(config.describe());
        return server.getPort();
    }

    @Override
    public String clientTrust() {
        return identity == null ? null : identity.trustText();
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
        if (fixedPool != null) {
            fixedPool.shutdownNow();
            fixedPool = null;
        }
        // The groups are ours, not gRPC's shared defaults, so gRPC does not shut them down.
        GrpcConfig.shutdown(boss);
        GrpcConfig.shutdown(workers);
        boss = null;
        workers = null;
    }
}
