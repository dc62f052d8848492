package rpcbench.grpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.netty.channel.EventLoopGroup;
import rpcbench.api.AsyncCalls;
import rpcbench.api.CallersOwn;
import rpcbench.api.ClientHealth;
import rpcbench.api.Endpoint;
import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderSummary;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.TransferReceipt;
import rpcbench.codec.OrderProtos;
import rpcbench.grpc.proto.Blob;
import rpcbench.grpc.proto.DownloadRequest;
import rpcbench.grpc.proto.EchoMessage;
import rpcbench.grpc.proto.RpcBenchGrpc;
import rpcbench.grpc.proto.SimpleRequest;

/**
 * One gRPC channel, that is one HTTP/2 connection, on an event loop of its own. By default
 * ({@link GrpcConfig#CALLER_EVENT_LOOP}) the calling thread runs that loop while it waits
 * ({@link CallerLoop}), so a call is written, answered and handled on one thread, as in the qps
 * {@code AsyncClient}; otherwise the loop has a thread of its own and unary calls go through
 * gRPC's blocking-stub path, whose caller runs gRPC's callbacks itself. Each call carries a
 * deadline of {@link RpcSettings#CALL_TIMEOUT_MS}. Streams are {@link GrpcValueStream} and
 * {@link GrpcTransfers}; asynchronous calls ({@link GrpcAsyncCall}) keep any number of calls in
 * flight on the one connection, with a caller-run loop lent to a thread of its own meanwhile.
 * After a failed call the client is marked unusable, as every transport is.
 */
final class GrpcClient implements RpcImplementation, AsyncCalls {

    private final RpcSettings settings;
    private final GrpcConfig config;
    private final int timeoutMillis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ClientHealth health = new ClientHealth("grpc"); // async calls fail on another thread
    private EventLoopGroup eventLoop;
    private CallerLoop callerLoop;
    private ManagedChannel channel;
    private GrpcTransfers transfers;

    GrpcClient(RpcSettings settings) {
        this.settings = settings;
        this.config = GrpcConfig.of(settings);
        this.timeoutMillis = settings.callTimeoutMillis();
    }

    @Override
    public void setup(Endpoint server) throws IOException {
        config.printOnce();
        if (config.callerEventLoop) {
            callerLoop = new CallerLoop(config);
        } else {
            eventLoop = config.newEventLoopGroup(1, "grpc-client");
        }
        channel = GrpcChannels.build(server, callerLoop, eventLoop, config, GrpcTls.client(settings));
        GrpcChannels.awaitConnection(channel, server, callerLoop, timeoutMillis);
        transfers = new GrpcTransfers(channel, callerLoop, timeoutMillis);
        health.connected();
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

    @Override
    public int simpleCall(int value) {
        return call("simpleCall", () -> unary(RpcBenchGrpc.getSimpleCallMethod(),
                SimpleRequest.newBuilder().setValue(value).build()).getValue());
    }

    @Override
    public long streamValues(int count, IntConsumer sink) {
        return call("streamValues", () -> GrpcValueStream.run(channel, count, sink, timeoutMillis, callerLoop));
    }

    // Wrapping instead of copying is safe in echo and upload: the caller's array is not touched
    // until the call returns, and gRPC keeps the request (for a retry) no longer than that.
    @Override
    public byte[] echo(byte[] payload) {
        EchoMessage request = EchoMessage.newBuilder().setPayload(UnsafeByteOperations.unsafeWrap(payload)).build();
        return call("echo", () -> unary(RpcBenchGrpc.getEchoMethod(), request).getPayload().toByteArray());
    }

    /** The order as its protobuf message (rpcbench-codec's mapping), before the call as every transport encodes. */
    @Override
    public OrderSummary message(Order order, MessageCodec codec) {
        MessageCodec.check("grpc", codec, GrpcTransport.CODECS);
        rpcbench.grpc.proto.Order request = OrderProtos.toProto(order);
        return call("message", () -> OrderProtos.fromProto(unary(RpcBenchGrpc.getMessageMethod(), request)));
    }

    @Override
    public long upload(byte[] payload) {
        Blob request = Blob.newBuilder().setData(UnsafeByteOperations.unsafeWrap(payload)).build();
        return call("upload", () -> unary(RpcBenchGrpc.getUploadMethod(), request).getBytes());
    }

    @Override
    public byte[] download(int size) {
        settings.checkMessageSize("download size", size, 0);
        DownloadRequest request = DownloadRequest.newBuilder().setSize(size).build();
        byte[] answer = call("download", () -> unary(RpcBenchGrpc.getDownloadMethod(), request).getData().toByteArray());
        if (answer.length != size) {
            health.failed("download");
            throw new RpcException("grpc: download failed: asked for " + size + " bytes, got " + answer.length);
        }
        return answer;
    }

    @Override
    public TransferReceipt uploadStream(InputStream source, int chunkSize) throws IOException {
        settings.checkMessageSize("chunk size", chunkSize, 1);
        try {
            return call("uploadStream", () -> transfers.uploadStream(source, chunkSize));
        } catch (CallersOwn e) {
            throw health.callersOwn("uploadStream", e);
        }
    }

    @Override
    public long downloadStream(long totalBytes, int chunkSize, OutputStream sink) throws IOException {
        settings.checkTransfer(totalBytes, chunkSize);
        try {
            return call("downloadStream", () -> transfers.downloadStream(totalBytes, chunkSize, sink));
        } catch (CallersOwn e) {
            throw health.callersOwn("downloadStream", e);
        }
    }

    @Override
    public CompletableFuture<Integer> simpleCallAsync(int value) {
        checkUsable("simpleCallAsync");
        // Counted before the call can end; a start that throws leaves the count high, which only
        // keeps a broken client's loop lent.
        inFlight.incrementAndGet();
        try {
            if (callerLoop != null) {
                callerLoop.lend();
            }
            return GrpcAsyncCall.start(channel, value, timeoutMillis, e -> failed("simpleCallAsync", e),
                    inFlight::decrementAndGet);
        } catch (RuntimeException e) {
            throw failed("simpleCallAsync", e);
        }
    }

    /** A synchronous operation; X is CallersOwn for the transfers (the caller's source or sink failed). */
    @FunctionalInterface
    private interface Op<T, X extends Exception> {
        T run() throws X;
    }

    /**
     * Runs one synchronous operation: refuses it on an unusable client, takes a lent event loop
     * back for its duration and lends it again if asynchronous calls are still in flight, and
     * marks the client unusable when the operation fails.
     */
    private <T, X extends Exception> T call(String name, Op<T, X> op) throws X {
        checkUsable(name);
        try {
            if (callerLoop != null) {
                callerLoop.reclaim();
            }
            return op.run();
        } catch (RuntimeException e) {
            throw failed(name, e);
        } catch (Exception e) {
            health.failed(name);
            throw e;
        } finally {
            if (callerLoop != null && inFlight.get() > 0) {
                callerLoop.lend();
            }
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
        health.tornDown();
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
            transfers = null;
        }
        if (callerLoop != null) {
            callerLoop.shutdown();
            callerLoop = null;
        }
        GrpcConfig.shutdown(eventLoop);
        eventLoop = null;
    }

    private void checkUsable(String call) {
        health.checkUsable(call);
    }

    /**
     * Marks the client unusable and turns gRPC statuses into RpcException naming the call; a
     * sink's own exception (or an RpcException already) passes through unchanged.
     */
    private RuntimeException failed(String call, RuntimeException e) {
        health.failed(call);
        if (!(e instanceof StatusRuntimeException s)) {
            return e;
        }
        Status status = s.getStatus();
        String why = status.getCode() == Status.Code.DEADLINE_EXCEEDED
                ? settings.noAnswerWithinTimeout()
                : status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        return new RpcException("grpc: " + call + " failed: " + why, e);
    }
}
