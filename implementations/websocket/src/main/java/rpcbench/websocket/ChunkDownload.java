package rpcbench.websocket;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import rpcbench.api.CallersOwn;
import rpcbench.api.RpcException;

/**
 * One downloadStream call on the client: the server's CHUNK frames, paced by credits as its
 * streams are (see {@link ServerStream}).
 *
 * <p>Unlike streamValues, whose int sink runs on the library's read thread, the chunks go to the
 * caller's {@link OutputStream} on the calling thread: an OutputStream may block on I/O of its own
 * (a file), which must not stall the read thread that serves every other call of the connection,
 * and its IOException must reach the caller unchanged. The read thread only queues each frame's
 * payload (a fresh buffer per message); the queue never holds more than the window, because the
 * calling thread grants credit only for chunks it has written to the sink.
 */
final class ChunkDownload extends PendingCall {

    /** The END frame: how many bytes the server sent. */
    private record End(long bytes) {
    }

    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final JavaWebSocketClient connection;
    private final long totalBytes;
    private final int chunkSize;
    private final int window;
    private final int timeoutMillis;

    ChunkDownload(JavaWebSocketClient connection, long totalBytes, int chunkSize, int timeoutMillis) {
        this.connection = connection;
        this.totalBytes = totalBytes;
        this.chunkSize = chunkSize;
        this.window = WebSocketProtocol.chunkWindow(chunkSize);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    void onFrame(byte op, ByteBuffer body) {
        if (op == WebSocketProtocol.CHUNK && arrivals.size() < window) {
            arrivals.add(body);
        } else if (op == WebSocketProtocol.CHUNK) {
            fail(new RpcException("websocket: server sent more than its credit of " + window + " chunks"));
        } else if (op == WebSocketProtocol.END && body.remaining() == 8) {
            arrivals.add(new End(body.getLong()));
        } else {
            fail(unexpected(op, body));
        }
    }

    @Override
    void fail(RpcException cause) {
        arrivals.add(cause);
    }

    /**
     * Asks for the transfer and writes each chunk to {@code sink} as it arrives; returns the bytes
     * that arrived. A sink failure comes out as CallersOwn; anything else as RpcException. Unless
     * the transfer completes, the server is told to stop producing it.
     */
    long run(OutputStream sink) throws CallersOwn {
        boolean complete = false;
        try {
            connection.sendFrame(WebSocketProtocol.frame(id, WebSocketProtocol.DOWNLOAD_CHUNKS, 12)
                    .putLong(totalBytes).putInt(chunkSize).flip());
            byte[] chunk = new byte[(int) Math.min(chunkSize, Math.max(totalBytes, 1))];
            int batch = WebSocketProtocol.grantBatch(window);
            int sinceGrant = 0;
            long arrived = 0;
            // Bounded: every pass consumes a non-empty chunk (so at most totalBytes passes) or ends
            // the call.
            while (true) {
                Object next = arrivals.poll(timeoutMillis, TimeUnit.MILLISECONDS);
                if (next instanceof ByteBuffer body) {
                    int n = body.remaining();
                    if (n == 0 || n > chunk.length || n > totalBytes - arrived) {
                        throw new RpcException("websocket: server sent a chunk of " + n + " bytes after "
                                + arrived + " of " + totalBytes + " in chunks of " + chunkSize);
                    }
                    body.get(chunk, 0, n);
                    arrived += n;
                    CallersOwn.write(sink, chunk, n);
                    if (++sinceGrant == batch) {
                        sinceGrant = 0;
                        connection.sendFrame(WebSocketProtocol.intFrame(id, WebSocketProtocol.CREDIT, batch));
                    }
                } else if (next instanceof End end) {
                    if (end.bytes() != arrived || arrived != totalBytes) {
                        throw new RpcException("websocket: server sent " + end.bytes() + " bytes but " + arrived
                                + " of the " + totalBytes + " asked for arrived");
                    }
                    complete = true;
                    return arrived;
                } else if (next instanceof RpcException failure) {
                    throw failure;
                } else {
                    throw timedOut("downloadStream", "chunk after " + arrived + " bytes", timeoutMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException("websocket: downloadStream interrupted", e);
        } finally {
            connection.forget(id);
            if (!complete) {
                connection.sendQuietly(WebSocketProtocol.frame(id, WebSocketProtocol.CANCEL, 0).flip());
            }
        }
    }
}
