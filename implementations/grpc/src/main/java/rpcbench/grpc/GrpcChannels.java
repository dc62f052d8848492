package rpcbench.grpc;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;

/**
 * Builds a client's one gRPC channel as {@link GrpcConfig} says (the qps benchmarks' settings) and
 * waits until its HTTP/2 connection is up.
 */
final class GrpcChannels {

    private GrpcChannels() {
    }

    /**
     * A channel to {@code server} on {@code callerLoop}'s event loop if there is one, else on
     * {@code eventLoop}; not connected yet ({@link #awaitConnection}). Over TLS with {@code tls}
     * ({@link GrpcTls#client}), plaintext HTTP/2 when it is null.
     */
    static ManagedChannel build(Endpoint server, CallerLoop callerLoop, EventLoopGroup eventLoop, GrpcConfig config,
            SslContext tls) {
        // A resolved address skips the DNS resolver and its thread.
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(new InetSocketAddress(server.host(), server.port()))
                .eventLoopGroup(callerLoop != null ? callerLoop.eventLoop() : eventLoop)
                .channelType(config.clientChannelType())
                .flowControlWindow(GrpcConfig.FLOW_CONTROL_WINDOW)
                .maxInboundMessageSize(config.maxInboundMessageSize())
                .withOption(ChannelOption.TCP_NODELAY, true) // Netty's default too; stated, not assumed
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.callTimeoutMillis);
        if (tls == null) {
            builder.usePlaintext();
        } else {
            builder.sslContext(tls); // hostname verification of the server's certificate: Netty's HTTPS check
        }
        if (config.bearer != null) {
            builder.intercept(GrpcAuth.client(config.bearer));
        }
        if (config.directExecutor || callerLoop != null) {
            builder.directExecutor(); // with a caller-run loop, the caller is the only thread there is
        }
        return builder.build();
    }

    /**
     * Connects and waits, at most the call timeout, until the connection is up or has failed, so
     * that the first call's deadline does not also pay for gRPC's first-use class loading (which
     * takes seconds on a busy machine). After a failure the first call reports gRPC's reason.
     */
    static void awaitConnection(ManagedChannel channel, Endpoint server, CallerLoop callerLoop,
            int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY && state != ConnectivityState.TRANSIENT_FAILURE) {
            CountDownLatch changed = new CountDownLatch(1);
            // The change may be reported on another thread, which then wakes a caller-run loop.
            channel.notifyWhenStateChanged(state, callerLoop == null ? changed::countDown : () -> {
                changed.countDown();
                callerLoop.eventLoop().wakeup();
            });
            try {
                long left = deadline - System.nanoTime();
                boolean inTime = callerLoop != null
                        ? callerLoop.drive(() -> changed.getCount() == 0, deadline)
                        : left > 0 && changed.await(left, TimeUnit.NANOSECONDS);
                if (!inTime) {
                    throw new IOException("grpc: no connection to " + server + " within " + timeoutMillis
                            + " ms (" + RpcSettings.CALL_TIMEOUT_MS + "), state " + state);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("grpc: interrupted while connecting to " + server);
            }
            state = channel.getState(false);
        }
    }
}
