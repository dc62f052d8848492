package rpcbench.grpc;

import io.grpc.stub.ServerCallStreamObserver;

/**
 * The server side of a server-streaming call that sends only while the call is ready, that is
 * while the client's HTTP/2 window and gRPC's outbound buffer (32 KiB) have room, and resumes in
 * the on-ready callback. So a slow client slows the sender, no more than a window's worth is ever
 * queued, and the event loop is never held for more than one buffer's worth of messages. A
 * cancelled call (the client gave up or went away) stops the sender for good. Subclasses say what
 * the next message is.
 */
abstract class ReadySender<T> implements Runnable {

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
