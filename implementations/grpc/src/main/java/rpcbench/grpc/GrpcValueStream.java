package rpcbench.grpc;

import java.util.Arrays;
import java.util.function.IntConsumer;

import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;
import rpcbench.grpc.proto.RpcBenchGrpc;
import rpcbench.grpc.proto.StreamRequest;
import rpcbench.grpc.proto.StreamValue;

/**
 * One StreamValues call whose callbacks run on the calling thread ({@link CallWaiter}), so each
 * value goes to the sink as soon as it arrives and the listener needs no locking.
 *
 * <p>Backpressure is gRPC's manual inbound flow control: the call asks for
 * {@link #REQUEST_BATCH} values at a time and asks for more only after the sink took half of
 * them. Values not asked for stay unread in the HTTP/2 window, whose credit is returned only as
 * they are read, so a slow sink stalls the server (its {@code isReady()} turns false). A stream
 * fails when no callback arrives within the call timeout ("next value within the timeout"), and
 * is cancelled (RST_STREAM, the server stops producing) whenever the caller leaves early.
 */
final class GrpcValueStream extends ClientCall.Listener<StreamValue> {

    /** Values asked for at a time: enough to amortize a request, few enough to bound the buffer. */
    static final int REQUEST_BATCH = 512;

    private final CallWaiter waiter;
    private int[] arrived = new int[REQUEST_BATCH];
    private int arrivedCount;
    private Status closedWith;

    private GrpcValueStream(CallWaiter waiter) {
        this.waiter = waiter;
    }

    /**
     * Runs one stream to its end and returns how many values arrived. A sink's exception passes
     * through unchanged; a failed call throws a StatusRuntimeException or an RpcException.
     */
    static long run(Channel channel, int count, IntConsumer sink, int timeoutMillis, CallerLoop loop) {
        CallWaiter waiter = new CallWaiter(loop);
        GrpcValueStream stream = new GrpcValueStream(waiter);
        ClientCall<StreamRequest, StreamValue> call = channel.newCall(RpcBenchGrpc.getStreamValuesMethod(),
                waiter.options());
        boolean finished = false;
        try {
            call.start(stream, new Metadata());
            call.request(REQUEST_BATCH);
            call.sendMessage(StreamRequest.newBuilder().setCount(count).build());
            call.halfClose();
            long received = stream.deliver(call, sink, timeoutMillis);
            finished = true;
            return received;
        } finally {
            if (!finished) {
                waiter.cancel(call, () -> stream.closedWith != null);
            }
        }
    }

    private long deliver(ClientCall<?, ?> call, IntConsumer sink, int timeoutMillis) {
        long received = 0;
        int takenSinceRequest = 0;
        while (true) {
            for (int i = 0; i < arrivedCount; i++) {
                sink.accept(arrived[i]);
            }
            received += arrivedCount;
            takenSinceRequest += arrivedCount;
            arrivedCount = 0;
            if (closedWith != null) {
                break;
            }
            if (takenSinceRequest >= REQUEST_BATCH / 2) {
                // On a caller-run loop this may deliver buffered values (and the end) at once.
                call.request(takenSinceRequest);
                takenSinceRequest = 0;
            } else if (!waiter.awaitMillis(() -> arrivedCount > 0 || closedWith != null, timeoutMillis)) {
                throw new RpcException("grpc: streamValues failed: no value within " + timeoutMillis
                        + " ms (" + RpcSettings.CALL_TIMEOUT_MS + ") after " + received + " values");
            }
        }
        if (!closedWith.isOk()) {
            throw closedWith.asRuntimeException();
        }
        return received;
    }

    @Override
    public void onMessage(StreamValue message) {
        if (arrivedCount == arrived.length) {
            // Only values asked for are delivered, so this stays at REQUEST_BATCH; grow to be safe.
            arrived = Arrays.copyOf(arrived, arrived.length * 2);
        }
        arrived[arrivedCount++] = message.getValue();
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
        closedWith = status;
    }
}
