package rpcbench.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import rpcbench.api.TransferPattern;
import rpcbench.grpc.proto.Blob;
import rpcbench.grpc.proto.DownloadStreamRequest;
import rpcbench.grpc.proto.UploadReceipt;

/**
 * The server's side of Download, UploadStream and DownloadStream. Like every handler of
 * {@link GrpcService} these never block. Payloads are wrapped, not copied, into messages: gRPC's
 * {@code onNext} serializes a message into Netty's buffers before it returns (the one copy there
 * is), so a buffer may be refilled for the next chunk at once.
 */
final class GrpcServiceTransfers {

    /**
     * The transfer pattern from offset 0, at least as long as the longest download asked for so
     * far (bounded by the maximum message size). Never written after it is published, so every
     * download answer shares it, as a file server shares a cached file.
     */
    private static volatile byte[] patternFromZero = new byte[0];

    private GrpcServiceTransfers() {
    }

    static void download(int size, int maxMessageBytes, StreamObserver<Blob> reply) {
        if (size < 0 || size > maxMessageBytes) {
            reply.onError(Status.INVALID_ARGUMENT.withDescription("download size " + size + " is outside 0.."
                    + maxMessageBytes).asRuntimeException());
            return;
        }
        byte[] pattern = patternFromZero;
        if (pattern.length < size) {
            pattern = TransferPattern.bytes(0, size); // racing threads may each build one; every one is right
            patternFromZero = pattern;
        }
        reply.onNext(Blob.newBuilder().setData(UnsafeByteOperations.unsafeWrap(pattern, 0, size)).build());
        reply.onCompleted();
    }

    static void downloadStream(DownloadStreamRequest request, int maxMessageBytes,
                               ServerCallStreamObserver<Blob> reply) {
        long total = request.getTotalBytes();
        int chunkSize = request.getChunkSize();
        if (total < 0 || chunkSize < 1 || chunkSize > maxMessageBytes) {
            reply.onError(Status.INVALID_ARGUMENT.withDescription("transfer of " + total + " bytes in chunks of "
                    + chunkSize + ": negative, or chunk size outside 1.." + maxMessageBytes)
                    .asRuntimeException());
            return;
        }
        new ChunkSender(total, chunkSize, reply).register();
    }

    /** Sends the transfer pattern chunk by chunk from one buffer, refilled for each chunk. */
    private static final class ChunkSender extends GrpcService.ReadySender<Blob> {
        private final long total;
        private final byte[] chunk;
        private long sent;

        ChunkSender(long total, int chunkSize, ServerCallStreamObserver<Blob> reply) {
            super(reply);
            this.total = total;
            this.chunk = new byte[(int) Math.min(chunkSize, Math.max(total, 1))];
        }

        @Override
        Blob next() {
            if (sent == total) {
                return null;
            }
            int n = (int) Math.min(chunk.length, total - sent);
            TransferPattern.fill(chunk, 0, n, sent);
            sent += n;
            return Blob.newBuilder().setData(UnsafeByteOperations.unsafeWrap(chunk, 0, n)).build();
        }
    }

    /**
     * Receives an upload's chunks (gRPC asks for one message at a time and only then returns the
     * HTTP/2 window, which is the client's backpressure) and answers the receipt at the end.
     */
    static final class UploadReceiver implements StreamObserver<Blob> {
        private final StreamObserver<UploadReceipt> reply;
        private final CRC32 crc = new CRC32();
        // Reads a chunk's bytes where they lie, without copying them out of the message.
        private final ByteOutput checksum = new ByteOutput() {
            @Override
            public void write(byte value) {
                crc.update(value);
            }

            @Override
            public void write(byte[] value, int offset, int length) {
                crc.update(value, offset, length);
            }

            @Override
            public void writeLazy(byte[] value, int offset, int length) {
                crc.update(value, offset, length);
            }

            @Override
            public void write(ByteBuffer value) {
                crc.update(value);
            }

            @Override
            public void writeLazy(ByteBuffer value) {
                crc.update(value);
            }
        };
        private long bytes;
        private long chunks;

        UploadReceiver(StreamObserver<UploadReceipt> reply) {
            this.reply = reply;
        }

        @Override
        public void onNext(Blob chunk) {
            try {
                UnsafeByteOperations.unsafeWriteTo(chunk.getData(), checksum);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the checksum never throws
            }
            bytes += chunk.getData().size();
            chunks++;
        }

        @Override
        public void onError(Throwable t) {
            // The client cancelled or went away: there is nobody to answer.
        }

        @Override
        public void onCompleted() {
            reply.onNext(UploadReceipt.newBuilder().setBytes(bytes).setChunks(chunks).setCrc32((int) crc.getValue())
                    .build());
            reply.onCompleted();
        }
    }
}
