package rpcbench.grpc;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import rpcbench.grpc.proto.RpcBenchGrpc;
import rpcbench.grpc.proto.SimpleReply;
import rpcbench.grpc.proto.SimpleRequest;

/**
 * One asynchronous SimpleCall through gRPC's own non-blocking API (a ClientCall and its
 * listener, what the async stub and the qps {@code AsyncClient} use), any number of them in flight
 * as HTTP/2 streams of the one connection. The answer completes a CompletableFuture on the thread
 * that runs the callbacks: the event loop (direct executor) or gRPC's executor. gRPC's deadline
 * bounds every call; the loop that fires it is always running while calls are in flight.
 */
final class GrpcAsyncCall extends ClientCall.Listener<SimpleReply> {

    private final CompletableFuture<Integer> future = new CompletableFuture<>();
    private final Function<RuntimeException, RuntimeException> failure;
    private final Runnable ended;
    private SimpleReply reply;

    private GrpcAsyncCall(Function<RuntimeException, RuntimeException> failure, Runnable ended) {
        this.failure = failure;
        this.ended = ended;
    }

    /**
     * Starts the call. {@code failure} turns a failed call's status into the future's exception;
     * {@code ended} runs once when the call is over, either way.
     */
    static CompletableFuture<Integer> start(Channel channel, int value, int timeoutMillis,
            Function<RuntimeException, RuntimeException> failure, Runnable ended) {
        GrpcAsyncCall listener = new GrpcAsyncCall(failure, ended);
        CallerLoop.startUnary(channel, RpcBenchGrpc.getSimpleCallMethod(),
                SimpleRequest.newBuilder().setValue(value).build(), timeoutMillis, listener);
        return listener.future;
    }

    @Override
    public void onMessage(SimpleReply message) {
        reply = message;
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
        ended.run();
        if (status.isOk() && reply != null) {
            future.complete(reply.getValue());
        } else {
            Status why = status.isOk() ? Status.INTERNAL.withDescription("no answer in a successful call") : status;
            future.completeExceptionally(failure.apply(why.asRuntimeException()));
        }
    }
}
