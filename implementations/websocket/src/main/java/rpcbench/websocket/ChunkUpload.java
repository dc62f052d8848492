package rpcbench.websocket;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import rpcbench.api.CallersOwn;
import rpcbench.api.RpcException;
import rpcbench.api.TransferReceipt;

/**
 * One uploadStream call on the client: UPLOAD_CHUNKS names the chunk size, then one CHUNK frame
 * per chunk read from the source, then UPLOADED, answered by the server's receipt.
 *
 * <p>Java-WebSocket's send only queues a frame for the write thread, without limit, so a fast
 * source would pile up in memory while a slow server reads. The calling thread therefore sends a
 * chunk only against a credit: it starts with {@link WebSocketProtocol#chunkWindow(int)} chunks and
 * the server grants more (CREDIT frames, seen here on the read thread) as it consumes them. A
 * server that stops granting makes the call fail after the call timeout.
 */
final class ChunkUpload extends PendingCall {

    private final CompletableFuture<ByteBuffer> receipt = new CompletableFuture<>();
    private final JavaWebSocketClient connection;
    private final int chunkSize;
    private final int window;
    private final Semaphore credits;
    private final int timeoutMillis;
    private volatile RpcException failure;

    ChunkUpload(JavaWebSocketClient connection, int chunkSize, int timeoutMillis) {
        this.connection = connection;
        this.chunkSize = chunkSize;
        this.window = WebSocketProtocol.chunkWindow(chunkSize);
        this.credits = new Semaphore(window);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    void onFrame(byte op, ByteBuffer body) {
        if (op == WebSocketProtocol.CREDIT && body.remaining() == 4) {
            int more = body.getInt();
            if (more < 1 || more > window - credits.availablePermits()) {
                fail(new RpcException("websocket: server granted " + more + " chunks, beyond the window of " + window));
            } else {
                credits.release(more);
            }
        } else if (op == WebSocketProtocol.UPLOADED) {
            receipt.complete(body);
        } else {
            fail(unexpected(op, body));
        }
    }

    @Override
    void fail(RpcException cause) {
        if (failure == null) {
            failure = cause;
        }
        receipt.completeExceptionally(cause);
        credits.release(window); // wakes the sender, which then sees the failure
    }

    /**
     * Sends the source's bytes and returns the server's receipt. A source failure comes out as
     * CallersOwn; anything else as RpcException. Unless the upload completes, the server is told
     * to drop it.
     */
    TransferReceipt run(InputStream source) throws CallersOwn {
        boolean complete = false;
        try {
            connection.sendFrame(WebSocketProtocol.intFrame(id, WebSocketProtocol.UPLOAD_CHUNKS, chunkSize));
            byte[] chunk = new byte[chunkSize];
            // Reused: Java-WebSocket copies (and masks) it into a frame of its own before send returns.
            ByteBuffer frame = ByteBuffer.allocate(WebSocketProtocol.HEADER_BYTES + chunkSize);
            long sent = 0;
            int n;
            // Bounded by the source: every pass reads at least one byte of it.
            while ((n = CallersOwn.read(source, chunk)) > 0) {
                if (!credits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                    throw timedOut("uploadStream", "credit for its next chunk after " + sent + " bytes", timeoutMillis);
                }
                if (failure != null) {
                    throw failure;
                }
                frame.clear();
                connection.sendFrame(frame.putLong(id).put(WebSocketProtocol.CHUNK).put(chunk, 0, n).flip());
                sent += n;
            }
            connection.sendFrame(WebSocketProtocol.frame(id, WebSocketProtocol.UPLOADED, 0).flip());
            ByteBuffer answer = receipt.get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (answer.remaining() != 24) {
                throw new RpcException("websocket: uploadStream receipt of " + answer.remaining() + " bytes");
            }
            complete = true;
            return new TransferReceipt(answer.getLong(), answer.getLong(), answer.getLong());
        } catch (TimeoutException e) {
            throw timedOut("uploadStream", "receipt", timeoutMillis);
        } catch (ExecutionException e) {
            throw (RpcException) e.getCause(); // only fail() completes it exceptionally
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException("websocket: uploadStream interrupted", e);
        } finally {
            connection.forget(id);
            if (!complete) {
                connection.sendQuietly(WebSocketProtocol.frame(id, WebSocketProtocol.CANCEL, 0).flip());
            }
        }
    }
}
