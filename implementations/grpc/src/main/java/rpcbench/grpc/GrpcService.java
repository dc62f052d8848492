package rpcbench.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import rpcbench.api.ServerWork;
import rpcbench.api.OrderSummary;
import rpcbench.codec.OrderProtos;
import rpcbench.grpc.proto.Blob;
import rpcbench.grpc.proto.ByteCount;
import rpcbench.grpc.proto.DownloadRequest;
import rpcbench.grpc.proto.DownloadStreamRequest;
import rpcbench.grpc.proto.EchoMessage;
import rpcbench.grpc.proto.RpcBenchGrpc;
import rpcbench.grpc.proto.SimpleReply;
import rpcbench.grpc.proto.SimpleRequest;
import rpcbench.grpc.proto.StreamRequest;
import rpcbench.grpc.proto.StreamValue;
import rpcbench.grpc.proto.UploadReceipt;

/**
 * The RpcBench service. Every handler returns without blocking, which the direct executor
 * requires: with it, handlers run on a Netty event loop thread that also serves other connections.
 * Simple calls and echoes do the configured {@link ServerWork} first, on whatever thread the
 * server mode runs them.
 */
final class GrpcService extends RpcBenchGrpc.RpcBenchImplBase {

    private final int maxMessageBytes;
    private final ServerWork work;

    GrpcService(int maxMessageBytes, ServerWork work) {
        this.maxMessageBytes = maxMessageBytes;
        this.work = work;
    }

    @Override
    public void simpleCall(SimpleRequest request, StreamObserver<SimpleReply> reply) {
        work.perform();
        reply.onNext(SimpleReply.newBuilder().setValue(request.getValue() + 1).build());
        reply.onCompleted();
    }

    /** The request message is the answer: the same bytes, without a copy. */
    @Override
    public void echo(EchoMessage request, StreamObserver<EchoMessage> reply) {
        work.perform();
        reply.onNext(request);
        reply.onCompleted();
    }

    /** The order read into the contract's record (every field), summarized, and the summary sent back. */
    @Override
    public void message(rpcbench.grpc.proto.Order request, StreamObserver<rpcbench.grpc.proto.OrderSummary> reply) {
        reply.onNext(OrderProtos.toProto(OrderSummary.of(OrderProtos.fromProto(request))));
        reply.onCompleted();
    }

    @Override
    public void streamValues(StreamRequest request, StreamObserver<StreamValue> reply) {
        if (request.getCount() < 0) {
            reply.onError(Status.INVALID_ARGUMENT
                    .withDescription("count " + request.getCount() + " is negative").asRuntimeException());
            return;
        }
        new ValueSender(request.getCount(), (ServerCallStreamObserver<StreamValue>) reply).register();
    }

    @Override
    public void upload(Blob request, StreamObserver<ByteCount> reply) {
        reply.onNext(ByteCount.newBuilder().setBytes(request.getData().size()).build());
        reply.onCompleted();
    }

    @Override
    public void download(DownloadRequest request, StreamObserver<Blob> reply) {
        GrpcServiceTransfers.download(request.getSize(), maxMessageBytes, reply);
    }

    @Override
    public StreamObserver<Blob> uploadStream(StreamObserver<UploadReceipt> reply) {
        return new GrpcServiceTransfers.UploadReceiver(reply);
    }

    @Override
    public void downloadStream(DownloadStreamRequest request, StreamObserver<Blob> reply) {
        GrpcServiceTransfers.downloadStream(request, maxMessageBytes, (ServerCallStreamObserver<Blob>) reply);
    }

    /** Sends 0..count-1, one message each, as fast as the client's flow control lets it. */
    private static final class ValueSender extends ReadySender<StreamValue> {
        private final int count;
        private int next;

        ValueSender(int count, ServerCallStreamObserver<StreamValue> reply) {
            super(reply);
            this.count = count;
        }

        @Override
        StreamValue next() {
            return next == count ? null : StreamValue.newBuilder().setValue(next++).build();
        }
    }

    /**
     * The server side of a server-streaming call that sends only while the call is ready, that is
     * while the client's HTTP/2 window and gRPC's outbound buffer (32 KiB) have room, and resumes in
     * the on-ready callback. So a slow client slows the sender, no more than a window's worth is ever
     * queued, and the event loop is never held for more than one buffer's worth of messages. A
     * cancelled call (the client gave up or went away) stops the sender for good. Subclasses say what
     * the next message is.
     */
    abstract static class ReadySender<T> implements Runnable {

        private final ServerCallStreamObserver<T> reply;
        private boolean finished;

        ReadySender(ServerCallStreamObserver<T> reply) {
            this.reply = reply;
        }

        /**
         * Starts sending. gRPC runs the two callbacks one at a time (serialized per call), so plain
         * fields do; it also runs the on-ready handler once after this method if the call is ready.
         */
        final void register() {
            reply.setOnCancelHandler(() -> finished = true);
            reply.setOnReadyHandler(this);
        }

        /** The next message, or null when the stream is complete. */
        abstract T next();

        @Override
        public final void run() {
            while (!finished && reply.isReady()) {
                T message = next();
                if (message == null) {
                    finished = true;
                    reply.onCompleted();
                    return;
                }
                reply.onNext(message);
            }
        }
    }
}
