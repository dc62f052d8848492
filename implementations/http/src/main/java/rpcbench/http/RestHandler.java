package rpcbench.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import com.fasterxml.jackson.core.JacksonException;

import rpcbench.api.CallAuth;
import rpcbench.api.MessageCodec;
import rpcbench.api.ServerLimits;
import rpcbench.api.ServerWork;
import rpcbench.codec.Messages;

/**
 * The REST resources of {@link RestProtocol} on Jetty's core Handler API (no servlet layer); the
 * transfer resources are in {@link TransferResources}.
 * It is a blocking handler (Jetty's default invocation type), so Jetty calls it on a pool thread,
 * never on the selector thread, and it may read and write with blocking calls: a stream to a client
 * that stops reading blocks its thread in write (TCP flow control is the backpressure), and a client
 * that goes away makes that write fail, which ends the stream.
 *
 * <p>Request bodies are bounded: a declared Content-Length above the maximum gets 413 before a byte
 * of the body is read; a chunked upload is counted while it is read and gets 413 as soon as it passes
 * the maximum. Both close the connection, so the rest of the upload is never read. Unknown paths get
 * 404, wrong methods 405 with an Allow header.
 */
final class RestHandler extends Handler.Abstract {

    /** One resource's code, called on a pool thread. */
    private interface Resource {
        boolean handle(Request request, Response response, Callback callback) throws Exception;
    }

    /** The method a path accepts and the code that answers it. */
    private record Route(HttpMethod method, Resource resource) {
    }

    private final int maxMessageBytes;
    private final ServerLimits limits;
    private final ServerWork work;
    private final Map<String, Route> routes;
    private final CallAuth auth;

    RestHandler(int maxMessageBytes, ServerLimits limits, ServerWork work, CallAuth auth) {
        this.auth = auth;
        this.maxMessageBytes = maxMessageBytes;
        this.limits = limits;
        this.work = work;
        TransferResources transfers = new TransferResources(maxMessageBytes);
        routes = Map.of(
                RestProtocol.SIMPLE_CALL, new Route(HttpMethod.POST, this::simpleCall),
                RestProtocol.ECHO, new Route(HttpMethod.POST, this::echo),
                RestProtocol.MESSAGE, new Route(HttpMethod.POST, this::message),
                RestProtocol.STREAM, new Route(HttpMethod.GET, this::stream),
                RestProtocol.UPLOAD, new Route(HttpMethod.POST, transfers::upload),
                RestProtocol.DOWNLOAD, new Route(HttpMethod.GET, transfers::download),
                RestProtocol.UPLOAD_STREAM, new Route(HttpMethod.POST, transfers::uploadStream),
                RestProtocol.DOWNLOAD_STREAM, new Route(HttpMethod.GET, transfers::downloadStream));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        Route route = routes.get(path);
        if (route == null) {
            return reply(response, callback, HttpStatus.NOT_FOUND_404, "no resource " + path);
        }
        if (!route.method().is(request.getMethod())) {
            return wrongMethod(response, callback, route.method());
        }
        if (auth.required() && HttpAuth.refused(auth, request, response, callback)) {
            return true; // before the resource: no body read, no work done
        }
        return route.resource().handle(request, response, callback);
    }

    private boolean simpleCall(Request request, Response response, Callback callback) throws IOException {
        byte[] body = readBody(request, response, callback, Math.min(maxMessageBytes, RestProtocol.SMALL_BODY_LIMIT));
        if (body == null) {
            return true;
        }
        int value;
        try {
            value = RestProtocol.decodeValue(body);
        } catch (JacksonException e) {
            return reply(response, callback, HttpStatus.BAD_REQUEST_400, "malformed JSON: " + e.getOriginalMessage());
        }
        work.perform();
        return send(response, callback, RestProtocol.JSON, RestProtocol.encodeValue(value + 1));
    }

    private boolean echo(Request request, Response response, Callback callback) throws IOException {
        return answerWhole(request, response, callback, RestProtocol.OCTETS, body -> {
            work.perform();
            return body;
        });
    }

    /** An order in JSON, answered with its summary; a body that is not one is a 400. */
    private boolean message(Request request, Response response, Callback callback) throws IOException {
        return answerWhole(request, response, callback, RestProtocol.JSON,
                body -> Messages.answer(MessageCodec.JSON, body, 0, body.length));
    }

    /** What a whole request body is answered with. */
    private interface Answer {
        byte[] apply(byte[] body) throws IOException;
    }

    /**
     * Answers a whole request body. A body of a declared length is allocated whole before it
     * arrives, so its length is taken from the server's budget first (503 and the connection closed
     * when the budget cannot hold it) and given back once the answer is written.
     */
    private boolean answerWhole(Request request, Response response, Callback callback, String contentType,
            Answer answer) throws IOException {
        long declared = Math.min(request.getLength(), maxMessageBytes + 1L);
        long taken = limits.reserve(declared);
        if (taken < 0) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            return reply(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, limits.overBudget(declared));
        }
        Callback done = taken == 0 ? callback : Callback.from(callback, () -> limits.release(taken));
        try {
            byte[] body = readBody(request, response, done, maxMessageBytes);
            if (body == null) {
                return true;
            }
            byte[] reply;
            try {
                reply = answer.apply(body);
            } catch (IOException e) { // the body is read, so the connection serves on
                return reply(response, done, HttpStatus.BAD_REQUEST_400, "message refused: " + e.getMessage());
            }
            return send(response, done, contentType, reply);
        } catch (IOException | RuntimeException e) {
            limits.release(taken);
            throw e;
        }
    }

    private boolean stream(Request request, Response response, Callback callback) {
        long parsed = TransferResources.parameter(request, RestProtocol.COUNT);
        if (parsed < 0 || parsed > Integer.MAX_VALUE) {
            return reply(response, callback, HttpStatus.BAD_REQUEST_400, "count must be an int >= 0");
        }
        int count = (int) parsed;
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, RestProtocol.NDJSON);
        // No Content-Length: Jetty sends the body chunked. Each write blocks until Jetty has written
        // it to the socket; close() sends the terminating chunk.
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            RestProtocol.writeValues(out, count);
        } catch (IOException e) {
            // The client went away (or stalled past the idle timeout): stop producing at once.
            System.err.println("http server: stream of " + count + " values stopped: " + e);
            callback.failed(e);
            return true;
        }
        callback.succeeded();
        return true;
    }

    /** The whole request body, or null after answering 413 because it is larger than {@code limit}. */
    private static byte[] readBody(Request request, Response response, Callback callback, int limit)
            throws IOException {
        long declared = request.getLength();
        if (declared > limit) {
            tooLarge(response, callback, "declared " + declared + " bytes", limit);
            return null;
        }
        InputStream in = Content.Source.asInputStream(request);
        if (declared >= 0) {
            byte[] body = new byte[(int) declared];
            int read = in.readNBytes(body, 0, body.length);
            if (read != body.length) {
                throw new EOFException("request body ended after " + read + " of " + declared + " bytes");
            }
            return body;
        }
        // Chunked upload: readNBytes grows its buffers as bytes arrive, never beyond limit + 1.
        byte[] body = in.readNBytes(limit == Integer.MAX_VALUE ? limit : limit + 1);
        if (body.length > limit) {
            tooLarge(response, callback, "more than " + limit + " bytes (chunked)", limit);
            return null;
        }
        return body;
    }

    static boolean tooLarge(Response response, Callback callback, String what, int limit) {
        // The rest of the upload is never read, so this connection cannot carry another request.
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        return reply(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                "request body of " + what + " exceeds the maximum of " + limit + " bytes");
    }

    private static boolean wrongMethod(Response response, Callback callback, HttpMethod allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed.asString());
        return reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "allowed: " + allowed.asString());
    }

    static boolean reply(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        return send(response, callback, "text/plain;charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a whole body with its Content-Length; completes {@code callback} when written. */
    static boolean send(Response response, Callback callback, String contentType, byte[] body) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
