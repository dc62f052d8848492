package rpcbench.grpc;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import rpcbench.api.CallersOwn;
import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;
import rpcbench.api.TransferReceipt;
import rpcbench.grpc.proto.Blob;
import rpcbench.grpc.proto.DownloadStreamRequest;
import rpcbench.grpc.proto.RpcBenchGrpc;
import rpcbench.grpc.proto.UploadReceipt;

/**
 * The client's side of the chunked transfers, each one gRPC streaming call whose callbacks run on
 * the calling thread ({@link CallWaiter}). UploadStream is client streaming and sends a chunk only
 * when {@code call.isReady()} (gRPC's outbound buffer below 32 KiB, which drains only as the
 * server's HTTP/2 window allows), waiting for on-ready otherwise. DownloadStream is server
 * streaming with manual inbound flow control: a few chunks are asked for at a time, so unread
 * chunks stay in the HTTP/2 window and a slow sink stalls the server. Each wait is bounded by the
 * call timeout, not the whole transfer, which may take as long as its size needs.
 */
final class GrpcTransfers {

    /** Most chunks asked for ahead of the sink; fewer when chunks are large (one window's worth). */
    private static final int MAX_AHEAD = 16;

    private final Channel channel;
    private final CallerLoop loop;
    private final int timeoutMillis;

    GrpcTransfers(Channel channel, CallerLoop loop, int timeoutMillis) {
        this.channel = channel;
        this.loop = loop;
        this.timeoutMillis = timeoutMillis;
    }

    TransferReceipt uploadStream(InputStream source, int chunkSize) throws CallersOwn {
        CallWaiter waiter = new CallWaiter(loop);
        CallerLoop.Unary<UploadReceipt> end = new CallerLoop.Unary<>();
        ClientCall<Blob, UploadReceipt> call = channel.newCall(RpcBenchGrpc.getUploadStreamMethod(), waiter.options());
        boolean ended = false;
        try {
            call.start(end, new Metadata());
            call.request(1);
            long sent = 0;
            while (true) {
                // A fresh array per chunk: a message must not change after it is handed to gRPC,
                // which may keep it to replay the call (transparent retry) after sendMessage returns.
                byte[] chunk = new byte[chunkSize];
                int n = CallersOwn.read(source, chunk);
                if (n == 0) {
                    break;
                }
                if (!waiter.awaitMillis(() -> call.isReady() || end.closed(), timeoutMillis)) {
                    throw new RpcException("grpc: uploadStream failed: no flow-control credit for a chunk within "
                            + timeoutMillis + " ms (" + RpcSettings.CALL_TIMEOUT_MS + ") after " + sent + " chunks");
                }
                if (end.closed()) {
                    break; // the server ended the call early: its status is reported below
                }
                call.sendMessage(Blob.newBuilder().setData(UnsafeByteOperations.unsafeWrap(chunk, 0, n)).build());
                sent++;
                if (n < chunkSize) {
                    break; // a short read happens only at the end of the source
                }
            }
            if (!end.closed()) {
                call.halfClose();
            }
            if (!waiter.awaitMillis(end::closed, timeoutMillis)) {
                throw new RpcException("grpc: uploadStream failed: no receipt within " + timeoutMillis + " ms ("
                        + RpcSettings.CALL_TIMEOUT_MS + ") after " + sent + " chunks");
            }
            ended = true;
            if (!end.status.isOk()) {
                throw end.status.asRuntimeException();
            }
            if (end.response == null) {
                throw Status.INTERNAL.withDescription("no receipt in a successful upload").asRuntimeException();
            }
            UploadReceipt r = end.response;
            return new TransferReceipt(r.getBytes(), r.getChunks(), Integer.toUnsignedLong(r.getCrc32()));
        } finally {
            if (!ended) {
                waiter.cancel(call, end::closed);
            }
        }
    }

    long downloadStream(long totalBytes, int chunkSize, OutputStream sink) throws CallersOwn {
        CallWaiter waiter = new CallWaiter(loop);
        Chunks chunks = new Chunks();
        ClientCall<DownloadStreamRequest, Blob> call = channel.newCall(RpcBenchGrpc.getDownloadStreamMethod(),
                waiter.options());
        int ahead = Math.max(1, Math.min(MAX_AHEAD, GrpcConfig.FLOW_CONTROL_WINDOW / chunkSize));
        // Each chunk is copied out of its message into this one buffer, the sink's to read until it returns.
        byte[] buffer = new byte[(int) Math.min(chunkSize, Math.max(totalBytes, 1))];
        boolean ended = false;
        try {
            call.start(chunks, new Metadata());
            call.request(ahead);
            call.sendMessage(DownloadStreamRequest.newBuilder().setTotalBytes(totalBytes).setChunkSize(chunkSize).build());
            call.halfClose();
            long arrived = 0;
            int takenSinceRequest = 0;
            while (true) {
                ByteString chunk;
                while ((chunk = chunks.arrived.poll()) != null) {
                    int n = chunk.size();
                    if (n == 0 || n > buffer.length || n > totalBytes - arrived) {
                        throw new RpcException("grpc: downloadStream failed: the server sent a chunk of " + n
                                + " bytes after " + arrived + " of " + totalBytes + " in chunks of " + chunkSize);
                    }
                    chunk.copyTo(buffer, 0);
                    arrived += n;
                    takenSinceRequest++;
                    CallersOwn.write(sink, buffer, n);
                }
                if (chunks.status != null) {
                    break;
                }
                if (takenSinceRequest >= Math.max(1, ahead / 2)) {
                    // On a caller-run loop this may deliver buffered chunks (and the end) at once.
                    call.request(takenSinceRequest);
                    takenSinceRequest = 0;
                } else if (!waiter.awaitMillis(() -> !chunks.arrived.isEmpty() || chunks.status != null, timeoutMillis)) {
                    throw new RpcException("grpc: downloadStream failed: no chunk within " + timeoutMillis + " ms ("
                            + RpcSettings.CALL_TIMEOUT_MS + ") after " + arrived + " bytes");
                }
            }
            ended = true;
            if (!chunks.status.isOk()) {
                throw chunks.status.asRuntimeException();
            }
            if (arrived != totalBytes) {
                throw new RpcException("grpc: downloadStream failed: the server ended after " + arrived + " of "
                        + totalBytes + " bytes");
            }
            return arrived;
        } finally {
            if (!ended) {
                waiter.cancel(call, () -> chunks.status != null);
            }
        }
    }

    /** Keeps the chunks that arrived (no more than were asked for) and the end of the call. */
    private static final class Chunks extends ClientCall.Listener<Blob> {
        final ArrayDeque<ByteString> arrived = new ArrayDeque<>();
        Status status;

        @Override
        public void onMessage(Blob message) {
            arrived.add(message.getData());
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            this.status = status;
        }
    }
}
