package rpcbench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;

/**
 * What both HTTP clients share: the REST calls of {@link RestProtocol}, the limits, and the failure
 * rules of the contract. A subclass only moves bytes with its HTTP library. After any failure the
 * client is unusable (the library may have dropped or reset the connection mid-exchange), I/O errors
 * and timeouts become {@link RpcException}s naming the client and the call, and a sink's own
 * exception passes through unchanged.
 */
abstract class HttpRestClient implements RpcImplementation {

    protected final int timeoutMillis = RpcSettings.callTimeoutMillis();
    protected final int maxMessageBytes = RpcSettings.maxMessageBytes();
    private final String name;
    private URI base;
    private boolean open;
    private String brokenBy;

    protected HttpRestClient(String name) {
        this.name = name;
    }

    /** Creates the library's client; one connection to the server at most. */
    protected abstract void openLibrary() throws IOException;

    /** POSTs {@code body} and returns the body of a 200 answer (any other status is an exception). */
    protected abstract byte[] post(URI uri, String contentType, byte[] body) throws Exception;

    /** GETs {@code uri} and returns the body of a 200 answer as it arrives; closing it abandons the rest. */
    protected abstract InputStream getStream(URI uri) throws Exception;

    /** Stops the library's client and every thread it started; copes with a half-opened one. */
    protected abstract void closeLibrary();

    @Override
    public final void setup(Endpoint server) throws IOException {
        if (open || brokenBy != null) {
            throw new IllegalStateException(name + ": setup called twice");
        }
        base = URI.create("http://" + server + "/");
        open = true; // before openLibrary, so that teardown also releases a half-opened client
        openLibrary();
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
    public final int simpleCall(int value) {
        try {
            checkUsable("simpleCall");
            byte[] json = post(base.resolve(RestProtocol.SIMPLE_CALL.substring(1)), RestProtocol.JSON,
                    RestProtocol.encodeValue(value));
            return RestProtocol.decodeValue(json);
        } catch (Exception e) {
            throw failed("simpleCall", e);
        }
    }

    @Override
    public final byte[] echo(byte[] payload) {
        try {
            checkUsable("echo");
            if (payload.length > maxMessageBytes) {
                throw new RpcException(name + ": echo of " + payload.length + " bytes exceeds "
                        + RpcSettings.MAX_MESSAGE_BYTES + "=" + maxMessageBytes);
            }
            return post(base.resolve(RestProtocol.ECHO.substring(1)), RestProtocol.OCTETS, payload);
        } catch (Exception e) {
            throw failed("echo", e);
        }
    }

    @Override
    public final long streamValues(int count, IntConsumer sink) {
        try {
            checkUsable("streamValues");
            URI uri = base.resolve(RestProtocol.STREAM.substring(1) + "?" + RestProtocol.COUNT + "=" + count);
            // readValues closes the stream also when the sink throws: that abandons the response.
            long arrived = RestProtocol.readValues(getStream(uri), sink);
            if (arrived != count) {
                throw new RpcException(name + ": streamValues(" + count + ") ended after " + arrived + " values");
            }
            return arrived;
        } catch (RestProtocol.SinkFailed e) {
            failed("streamValues", e);
            throw e.sinkException();
        } catch (Exception e) {
            throw failed("streamValues", e);
        }
    }

    @Override
    public final void teardown() {
        brokenBy = "teardown";
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

    private void checkUsable(String call) {
        if (!open || brokenBy != null) {
            throw new RpcException(name + ": " + call + " on a client that is "
                    + (brokenBy == null ? "not set up" : "unusable after " + brokenBy));
        }
    }

    /** Marks the client unusable and turns what went wrong into an RpcException. */
    private RpcException failed(String call, Exception e) {
        if (brokenBy == null) {
            brokenBy = "a failed " + call;
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof RpcException r) {
            return r;
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String why = isTimeout(cause)
                ? "no answer within " + timeoutMillis + " ms (" + RpcSettings.CALL_TIMEOUT_MS + ")"
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
