package rpcbench.grpc;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.grpc.proto.EchoMessage;
import rpcbench.grpc.proto.RpcBenchGrpc;
import rpcbench.grpc.proto.SimpleRequest;

/**
 * One gRPC channel, that is one HTTP/2 connection, on an event loop of its own. By default
 * ({@link GrpcConfig#CALLER_EVENT_LOOP}) the calling thread runs that loop while it waits
 * ({@link CallerLoop}), so a call is written, answered and handled on one thread, as in the qps
 * {@code AsyncClient}; otherwise the loop has a thread of its own and unary calls go through
 * gRPC's blocking-stub path, whose caller runs gRPC's callbacks itself. Each call carries a
 * deadline of {@link RpcSettings#callTimeoutMillis()}. Streams are {@link GrpcValueStream}.
 * After a failed call the client is marked unusable, as every transport is.
 */
final class GrpcClient implements RpcImplementation {

    private final int timeoutMillis = RpcSettings.callTimeoutMillis();
    private EventLoopGroup eventLoop;
    private CallerLoop callerLoop;
    private ManagedChannel channel;
    private String brokenBy;

    @Override
    public void setup(Endpoint server) throws IOException {
        GrpcConfig.printOnce();
        if (GrpcConfig.callerEventLoop()) {
            callerLoop = new CallerLoop();
        } else {
            eventLoop = GrpcConfig.newEventLoopGroup(1, "grpc-client");
        }
        // A resolved address skips the DNS resolver and its thread.
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(new InetSocketAddress(server.host(), server.port()))
                .eventLoopGroup(callerLoop != null ? callerLoop.eventLoop() : eventLoop)
                .channelType(GrpcConfig.clientChannelType())
                .usePlaintext()
                .flowControlWindow(GrpcConfig.FLOW_CONTROL_WINDOW)
                .maxInboundMessageSize(RpcSettings.maxMessageBytes())
                .withOption(ChannelOption.TCP_NODELAY, true) // Netty's default too; stated, not assumed
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis);
        if (GrpcConfig.directExecutor() || callerLoop != null) {
            builder.directExecutor(); // with a caller-run loop, the caller is the only thread there is
        }
        channel = builder.build();
        awaitConnection(server);
        int answer;
        try {
            answer = simpleCall(0);
        } catch (RpcException e) {
            throw new IOException("grpc: no working server at " + server + ": " + e.getMessage(), e);
        }
        if (answer != 1) {
            throw new IOException("grpc server at " + server + " answered the first call wrongly");
        }
    }

    /**
     * Connects and waits, at most the call timeout, until the connection is up or has failed, so
     * that the first call's deadline does not also pay for gRPC's first-use class loading (which
     * takes seconds on a busy machine). After a failure the first call reports gRPC's reason.
     */
    private void awaitConnection(Endpoint server) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY && state != ConnectivityState.TRANSIENT_FAILURE) {
            CountDownLatch changed = new CountDownLatch(1);
            CallerLoop loop = callerLoop;
            // The change may be reported on another thread, which then wakes a caller-run loop.
            channel.notifyWhenStateChanged(state, loop == null ? changed::countDown : () -> {
                changed.countDown();
                loop.eventLoop().wakeup();
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

    @Override
    public int simpleCall(int value) {
        checkUsable("simpleCall");
        try {
            return unary(RpcBenchGrpc.getSimpleCallMethod(), SimpleRequest.newBuilder().setValue(value).build())
                    .getValue();
        } catch (RuntimeException e) {
            throw failed("simpleCall", e);
        }
    }

    @Override
    public long streamValues(int count, IntConsumer sink) {
        checkUsable("streamValues");
        try {
            return GrpcValueStream.run(channel, count, sink, timeoutMillis, callerLoop);
        } catch (RuntimeException e) {
            throw failed("streamValues", e);
        }
    }

    @Override
    public byte[] echo(byte[] payload) {
        checkUsable("echo");
        try {
            // Wrapping instead of copying is safe: the bytes are serialized before this call returns.
            EchoMessage request = EchoMessage.newBuilder().setPayload(UnsafeByteOperations.unsafeWrap(payload)).build();
            return unary(RpcBenchGrpc.getEchoMethod(), request).getPayload().toByteArray();
        } catch (RuntimeException e) {
            throw failed("echo", e);
        }
    }

    private <Q, R> R unary(MethodDescriptor<Q, R> method, Q request) {
        if (callerLoop != null) {
            return callerLoop.unary(channel, method, request, timeoutMillis);
        }
        return ClientCalls.blockingUnaryCall(channel, method,
                CallOptions.DEFAULT.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS), request);
    }

    @Override
    public void teardown() {
        brokenBy = "teardown";
        if (channel != null) {
            channel.shutdownNow();
            if (callerLoop != null) {
                callerLoop.drive(channel::isTerminated, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            } else {
                try {
                    channel.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            channel = null;
        }
        if (callerLoop != null) {
            callerLoop.shutdown();
            callerLoop = null;
        }
        GrpcConfig.shutdown(eventLoop);
        eventLoop = null;
    }

    private void checkUsable(String call) {
        if (channel == null || brokenBy != null) {
            throw new RpcException("grpc: " + call + " on a client that is "
                    + (channel == null ? "not set up" : "unusable after " + brokenBy));
        }
    }

    /**
     * Marks the client unusable and turns gRPC statuses into RpcException naming the call; a
     * sink's own exception (or an RpcException already) passes through unchanged.
     */
    private RuntimeException failed(String call, RuntimeException e) {
        if (brokenBy == null) {
            brokenBy = "a failed " + call;
        }
        if (!(e instanceof StatusRuntimeException s)) {
            return e;
        }
        Status status = s.getStatus();
        String why = status.getCode() == Status.Code.DEADLINE_EXCEEDED
                ? "no answer within " + timeoutMillis + " ms (" + RpcSettings.CALL_TIMEOUT_MS + ")"
                : status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        return new RpcException("grpc: " + call + " failed: " + why, e);
    }
}
