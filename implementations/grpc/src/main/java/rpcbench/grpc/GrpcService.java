package rpcbench.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
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
 */
final class GrpcService extends RpcBenchGrpc.RpcBenchImplBase {

    @Override
    public void simpleCall(SimpleRequest request, StreamObserver<SimpleReply> reply) {
        reply.onNext(SimpleReply.newBuilder().setValue(request.getValue() + 1).build());
        reply.onCompleted();
    }

    /** The request message is the answer: the same bytes, without a copy. */
    @Override
    public void echo(EchoMessage request, StreamObserver<EchoMessage> reply) {
        reply.onNext(request);
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
        GrpcServiceTransfers.download(request.getSize(), reply);
    }

    @Override
    public StreamObserver<Blob> uploadStream(StreamObserver<UploadReceipt> reply) {
        return new GrpcServiceTransfers.UploadReceiver(reply);
    }

    @Override
    public void downloadStream(DownloadStreamRequest request, StreamObserver<Blob> reply) {
        GrpcServiceTransfers.downloadStream(request, (ServerCallStreamObserver<Blob>) reply);
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
}
