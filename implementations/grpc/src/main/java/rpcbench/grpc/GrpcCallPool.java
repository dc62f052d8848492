package rpcbench.grpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.netty.channel.EventLoopGroup;
import rpcbench.api.CallPool;
import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;
import rpcbench.grpc.proto.RpcBenchGrpc;
import rpcbench.grpc.proto.SimpleReply;
import rpcbench.grpc.proto.SimpleRequest;

/**
 * Open-loop load over N gRPC channels (N HTTP/2 connections) that share one Netty event loop,
 * run by the load generator's own thread while it waits for its next send time: a call is started
 * on the loop's thread (gRPC's ClientCall API, no hand-off) and its answer read and handled there,
 * with the direct executor. That is the thread model of grpc-java's qps {@code AsyncClient}, whose
 * next call starts on the event loop thread that read the previous answer. With
 * {@link GrpcConfig#CALLER_EVENT_LOOP} false the channels share one event loop thread instead.
 */
final class GrpcCallPool implements CallPool {

    private final GrpcConfig config;
    private final int timeoutMillis;
    private final CallerLoop loop;
    private final EventLoopGroup group;
    private final List<ManagedChannel> channels = new ArrayList<>();

    private GrpcCallPool(GrpcConfig config, int timeoutMillis) {
        this.config = config;
        this.timeoutMillis = timeoutMillis;
        this.loop = config.callerEventLoop ? new CallerLoop(config) : null;
        this.group = config.callerEventLoop ? null : config.newEventLoopGroup(1, "grpc-load");
    }

    /** {@code connections} channels to {@code server}, each connected and checked with one call. */
    static GrpcCallPool connect(RpcSettings settings, Endpoint server, int connections) throws IOException {
        GrpcConfig config = GrpcConfig.of(settings);
        config.printOnce();
        io.netty.handler.ssl.SslContext tls = GrpcTls.client(settings);
        GrpcCallPool pool = new GrpcCallPool(config, settings.callTimeoutMillis());
        try {
            for (int i = 0; i < connections; i++) {
                ManagedChannel channel = GrpcChannels.build(server, pool.loop, pool.group, config, tls);
                pool.channels.add(channel);
                GrpcChannels.awaitConnection(channel, server, pool.loop, pool.timeoutMillis);
                pool.check(channel, server);
            }
            return pool;
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** One real round trip, as a client's setup makes. */
    private void check(ManagedChannel channel, Endpoint server) throws IOException {
        int[] answer = {Integer.MIN_VALUE};
        RpcException[] failure = {null};
        start(channel, 0, (a, f) -> {
            answer[0] = a;
            failure[0] = f;
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis + 1000L);
        while (answer[0] == Integer.MIN_VALUE && failure[0] == null && System.nanoTime() < deadline) {
            runUntil(Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10)));
        }
        if (failure[0] != null || answer[0] != 1) {
            throw new IOException("grpc: no working server at " + server + ": "
                    + (failure[0] != null ? failure[0].getMessage() : "the first call was answered " + answer[0]));
        }
    }

    @Override
    public void start(int connection, int value, Outcome outcome) {
        start(channels.get(connection), value, outcome);
    }

    private void start(ManagedChannel channel, int value, Outcome outcome) {
        try {
            CallerLoop.startUnary(channel, RpcBenchGrpc.getSimpleCallMethod(),
                    SimpleRequest.newBuilder().setValue(value).build(), timeoutMillis, new Answer(outcome));
        } catch (RuntimeException e) {
            outcome.completed(0, new RpcException("grpc: simpleCall could not start: " + e, e));
        }
    }

    @Override
    public void runUntil(long deadlineNanos) {
        if (loop == null) {
            CallPool.sleepUntil(deadlineNanos);
        } else {
            loop.drive(() -> false, deadlineNanos);
        }
    }

    @Override
    public String describe() {
        return channels.size() + " gRPC channel(s) (HTTP/2 connections) on "
                + (loop != null ? "one Netty event loop run by the load generator's thread" : "one event loop thread")
                + ", ClientCall API, direct executor";
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (loop != null) {
            loop.shutdown();
        } else if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    /** One call's listener: the answer, then its end reported once. */
    private static final class Answer extends ClientCall.Listener<SimpleReply> {
        private final Outcome outcome;
        private SimpleReply reply;

        Answer(Outcome outcome) {
            this.outcome = outcome;
        }

        @Override
        public void onMessage(SimpleReply message) {
            reply = message;
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            if (status.isOk() && reply != null) {
                outcome.completed(reply.getValue(), null);
            } else {
                Status why = status.isOk() ? Status.INTERNAL.withDescription("no answer in a successful call") : status;
                outcome.completed(0, new RpcException("grpc: simpleCall failed: " + why));
            }
        }
    }
}
