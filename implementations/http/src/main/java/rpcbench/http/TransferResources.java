package rpcbench.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import rpcbench.api.TransferPattern;
import rpcbench.api.TransferReceipt;

/**
 * The bandwidth and chunked-transfer resources of {@link RestProtocol}, called by {@link RestHandler}
 * on a pool thread, so they read and write with blocking calls. Request bodies are consumed as Jetty
 * hands over its network buffers (counted and checksummed in place, never collected), and responses
 * are written with blocking writes, so TCP's window is the backpressure both ways: a client that stops
 * reading a download stops this thread in its write, and one that goes away makes the write fail,
 * which ends the transfer.
 *
 * <p>HTTP/1.1 chunks are framing, not messages: Jetty (like every HTTP library) hands the handler the
 * bytes of a chunked body as they arrive off the socket, without the chunk boundaries. So an
 * upload-stream request declares its chunk size and the receipt counts pieces of that size; its byte
 * count and CRC-32 are what the server actually read. A download stream writes every chunk with its
 * own write, which Jetty sends as one HTTP chunk.
 */
final class TransferResources {

    /** Write size of a whole-message download: the tcp floor's buffer size, so both copy alike. */
    private static final int PIECE_BYTES = 64 * 1024;

    private final int maxMessageBytes;

    TransferResources(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    boolean upload(Request request, Response response, Callback callback) throws IOException {
        long declared = request.getLength();
        if (declared > maxMessageBytes) {
            return RestHandler.tooLarge(response, callback, "declared " + declared + " bytes", maxMessageBytes);
        }
        long bytes = consume(request, maxMessageBytes, piece -> piece.position(piece.limit()));
        if (bytes < 0) {
            return RestHandler.tooLarge(response, callback, "more than " + maxMessageBytes + " bytes (chunked)",
                    maxMessageBytes);
        }
        return RestHandler.send(response, callback, RestProtocol.JSON, RestProtocol.encodeBytes(bytes));
    }

    boolean download(Request request, Response response, Callback callback) {
        long size = parameter(request, RestProtocol.SIZE);
        if (size < 0 || size > maxMessageBytes) {
            return RestHandler.reply(response, callback, HttpStatus.BAD_REQUEST_400,
                    RestProtocol.SIZE + " must lie in 0.." + maxMessageBytes);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, size);
        return writePattern(response, callback, size, (int) Math.min(PIECE_BYTES, Math.max(size, 1)), "download");
    }

    boolean uploadStream(Request request, Response response, Callback callback) throws IOException {
        long chunk = parameter(request, RestProtocol.CHUNK);
        if (chunk < 1 || chunk > maxMessageBytes) {
            return RestHandler.reply(response, callback, HttpStatus.BAD_REQUEST_400,
                    RestProtocol.CHUNK + " must lie in 1.." + maxMessageBytes);
        }
        CRC32 crc = new CRC32();
        long bytes = consume(request, Long.MAX_VALUE, crc::update);
        TransferReceipt receipt = new TransferReceipt(bytes, (bytes + chunk - 1) / chunk, crc.getValue());
        return RestHandler.send(response, callback, RestProtocol.JSON, RestProtocol.encodeReceipt(receipt));
    }

    boolean downloadStream(Request request, Response response, Callback callback) {
        long total = parameter(request, RestProtocol.TOTAL);
        long chunk = parameter(request, RestProtocol.CHUNK);
        if (total < 0 || chunk < 1 || chunk > maxMessageBytes) {
            return RestHandler.reply(response, callback, HttpStatus.BAD_REQUEST_400, RestProtocol.TOTAL
                    + " must be >= 0 and " + RestProtocol.CHUNK + " in 1.." + maxMessageBytes);
        }
        // No Content-Length: Jetty sends the body chunked, one HTTP chunk per write.
        return writePattern(response, callback, total, (int) Math.min(chunk, Math.max(total, 1)), "download stream");
    }

    /**
     * Writes {@code total} bytes of the pattern in writes of {@code piece} bytes from one reused
     * buffer; each write blocks until Jetty has written it to the socket.
     */
    private static boolean writePattern(Response response, Callback callback, long total, int piece, String what) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, RestProtocol.OCTETS);
        byte[] buffer = new byte[piece];
        try {
            for (long sent = 0; sent < total; sent += piece) {
                int n = (int) Math.min(piece, total - sent);
                TransferPattern.fill(buffer, 0, n, sent);
                try (Blocker.Callback written = Blocker.callback()) {
                    response.write(false, ByteBuffer.wrap(buffer, 0, n), written);
                    written.block();
                }
            }
        } catch (IOException e) {
            // The client went away (or stalled past the idle timeout): stop producing at once.
            System.err.println("http server: " + what + " of " + total + " bytes stopped: " + e);
            callback.failed(e);
            return true;
        }
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
        return true;
    }

    /**
     * Hands every buffer of the body to {@code reader} as Jetty read it, waiting (blocking this pool
     * thread) for more; returns the byte count, or -1 as soon as it passes {@code limit}.
     */
    private static long consume(Content.Source body, long limit, Consumer<ByteBuffer> reader) throws IOException {
        long bytes = 0;
        while (true) {
            Content.Chunk chunk = body.read();
            if (chunk == null) {
                try (Blocker.Runnable more = Blocker.runnable()) {
                    body.demand(more);
                    more.block();
                }
                continue;
            }
            if (Content.Chunk.isFailure(chunk)) {
                throw new IOException("request body failed: " + chunk.getFailure(), chunk.getFailure());
            }
            try {
                ByteBuffer buffer = chunk.getByteBuffer();
                bytes += buffer.remaining();
                if (bytes > limit) {
                    return -1;
                }
                reader.accept(buffer);
            } finally {
                chunk.release();
            }
            if (chunk.isLast()) {
                return bytes;
            }
        }
    }

    /** A query parameter as a non-negative long, or -1 when it is missing or malformed. */
    static long parameter(Request request, String name) {
        String text = Request.extractQueryParameters(request).getValue(name);
        try {
            return text == null ? -1 : Math.max(-1, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
