package rpcbench.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import rpcbench.grpc.proto.EchoMessage;
import rpcbench.grpc.proto.RpcBenchGrpc;
import rpcbench.grpc.proto.SimpleReply;
import rpcbench.grpc.proto.SimpleRequest;
import rpcbench.grpc.proto.StreamRequest;
import rpcbench.grpc.proto.StreamValue;

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

    /**
     * Sends 0..count-1 only while the call is ready, that is while the client's HTTP/2 window and
     * gRPC's outbound buffer (32 KiB) have room, and resumes in the on-ready callback. So a slow
     * client slows the sender, no more than a window's worth is ever queued, and the event loop is
     * never held for more than one buffer's worth of values. A cancelled call (the client gave up
     * or went away) stops the sender for good.
     */
    private static final class ValueSender implements Runnable {
        private final int count;
        private final ServerCallStreamObserver<StreamValue> reply;
        private int next;
        private boolean finished;

        ValueSender(int count, ServerCallStreamObserver<StreamValue> reply) {
            this.count = count;
            this.reply = reply;
        }

        void register() {
            // gRPC runs these two callbacks one at a time (serialized per call), so plain fields do.
            // It also runs the on-ready handler once after this method if the call is ready already.
            reply.setOnCancelHandler(() -> finished = true);
            reply.setOnReadyHandler(this);
        }

        @Override
        public void run() {
            while (!finished && reply.isReady()) {
                if (next == count) {
                    finished = true;
                    reply.onCompleted();
                    return;
                }
                reply.onNext(StreamValue.newBuilder().setValue(next++).build());
            }
        }
    }
}
