package rpcbench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import rpcbench.api.CallersOwn;
import rpcbench.api.CallAuth;
import rpcbench.api.ClientHealth;
import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.tls.Tls;

/**
 * The lifecycle and failure rules both HTTP clients share, and the few primitives a library must
 * supply (one exchange, a streamed response, a streamed request). After any failure the client is
 * unusable (the library may have dropped or reset the connection mid-exchange), and I/O errors and
 * timeouts become {@link RpcException}s naming the client and the call. The REST calls themselves
 * are in {@link HttpRestClient}.
 */
abstract class HttpClientBase implements RpcImplementation {

    protected final RpcSettings settings;
    protected final int timeoutMillis;
    protected final int maxMessageBytes;
    protected final String name;
    /** {@code Bearer <token>} for every request's Authorization header ({@link HttpAuth}); null: none. */
    protected final String bearer;
    // Also marked by the library's threads when an asynchronous call fails.
    private final ClientHealth health;
    private URI base;
    private boolean open;

    protected HttpClientBase(String name, RpcSettings settings) {
        this.name = name;
        this.settings = settings;
        this.timeoutMillis = settings.callTimeoutMillis();
        this.maxMessageBytes = settings.maxMessageBytes();
        this.bearer = CallAuth.clientBearer(settings);
        this.health = new ClientHealth(name);
    }

    /** Creates the library's client. */
    protected abstract void openLibrary() throws IOException;

    /**
     * Starts one exchange with the library's asynchronous API, bounded by the call timeout: a GET when
     * {@code body} is null, else a POST of {@code body} with its Content-Length. The future completes
     * with the body of a 200 answer (at most the maximum message size), or exceptionally.
     */
    protected abstract CompletableFuture<byte[]> exchange(URI uri, String contentType, byte[] body);

    /** GETs {@code uri} and returns the body of a 200 answer as it arrives; closing it abandons the rest. */
    protected abstract InputStream getStream(URI uri) throws Exception;

    /**
     * POSTs a chunked octet-stream body: each piece of up to {@code chunkSize} bytes read from
     * {@code source} (through {@link CallersOwn#read}) goes out as one HTTP chunk, each only when the
     * library has taken the previous one; returns the body of the 200 answer.
     */
    protected abstract byte[] postStream(URI uri, InputStream source, int chunkSize) throws Exception;

    /** Stops the library's client and every thread it started; copes with a half-opened one. */
    protected abstract void closeLibrary();

    @Override
    public final void setup(Endpoint server) throws IOException {
        if (open || health.isBroken()) {
            throw new IllegalStateException(name + ": setup called twice");
        }
        base = URI.create((Tls.on(settings) ? "https://" : "http://") + server + "/");
        open = true; // before openLibrary, so that teardown also releases a half-opened client
        openLibrary();
        health.connected();
        int answer;
        try {
            answer = simpleCall(0);
        } catch (RpcException e) {
            throw new IOException(name + ": no first round trip with " + server + ": " + e.getMessage(), e);
        }
        if (answer != 1) {
            throw new IOException(name + ": server at " + server + " answered the first call wrongly");
        }
    }

    @Override
    public final void teardown() {
        health.tornDown();
        if (open) {
            open = false;
            closeLibrary();
        }
    }

    /** The exception for a non-200 answer, with the start of the server's explanation. */
    protected final RpcException badStatus(int status, String body) {
        String text = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        return new RpcException(name + ": server answered HTTP " + status + ": " + text.strip());
    }

    /** Waits for {@code future} up to the call timeout; cancels it when the wait ends without it. */
    protected final <T> T await(Future<T> future) throws Exception {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** One blocking exchange with {@code path} (a GET when {@code body} is null). */
    protected final byte[] call(String call, String path, String contentType, byte[] body) throws Exception {
        checkUsable(call);
        return await(exchange(uri(path), contentType, body));
    }

    protected final URI uri(String path) {
        return base.resolve(path.substring(1));
    }

    protected final void checkSize(String call, int size) {
        settings.checkSendable(name, call, size);
    }

    protected final void checkUsable(String call) {
        health.checkUsable(call);
    }

    /** The caller's own source or sink failed: marks the client unusable, returns the caller's exception. */
    protected final IOException callersOwn(String call, CallersOwn e) {
        return health.callersOwn(call, e);
    }

    /** Marks the client unusable and turns what went wrong into an RpcException. */
    protected final RpcException failed(String call, Throwable e) {
        health.failed(call);
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RpcException r) {
            return r;
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String why = isTimeout(cause)
                ? settings.noAnswerWithinTimeout()
                : cause.toString();
        return new RpcException(name + ": " + call + " failed: " + why, cause);
    }

    private static boolean isTimeout(Throwable e) {
        for (int depth = 0; e != null && depth < 10; depth++, e = e.getCause()) {
            if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
