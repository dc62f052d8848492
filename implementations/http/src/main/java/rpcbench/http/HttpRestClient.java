package rpcbench.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import rpcbench.api.AsyncCalls;
import rpcbench.api.CallersOwn;
import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderSummary;
import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;
import rpcbench.api.TransferReceipt;
import rpcbench.codec.OrderCodec;

/**
 * The REST calls of {@link RestProtocol}, the same for both HTTP clients; a subclass only moves bytes
 * with its HTTP library ({@link HttpClientBase}). A sink's or source's own exception passes through
 * unchanged.
 *
 * <p>Calls in flight ({@link AsyncCalls}) go through the library's own asynchronous API. HTTP/1.1
 * carries one exchange at a time per connection, so what they cost in connections is the library's
 * choice; see {@link HttpTransport}.
 */
abstract class HttpRestClient extends HttpClientBase implements AsyncCalls {

    protected HttpRestClient(String name, RpcSettings settings) {
        super(name, settings);
    }

    @Override
    public final int simpleCall(int value) {
        try {
            return RestProtocol.decodeValue(call("simpleCall", RestProtocol.SIMPLE_CALL, RestProtocol.JSON,
                    RestProtocol.encodeValue(value)));
        } catch (Exception e) {
            throw failed("simpleCall", e);
        }
    }

    @Override
    public final CompletableFuture<Integer> simpleCallAsync(int value) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        try {
            checkUsable("simpleCallAsync");
            exchange(uri(RestProtocol.SIMPLE_CALL), RestProtocol.JSON, RestProtocol.encodeValue(value))
                    .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .whenComplete((json, failure) -> {
                        try {
                            if (failure != null) {
                                throw failure;
                            }
                            result.complete(RestProtocol.decodeValue(json));
                        } catch (Throwable e) {
                            result.completeExceptionally(failed("simpleCallAsync", e));
                        }
                    });
        } catch (Exception e) {
            result.completeExceptionally(failed("simpleCallAsync", e));
        }
        return result;
    }

    @Override
    public final byte[] echo(byte[] payload) {
        try {
            checkSize("echo", payload.length);
            return call("echo", RestProtocol.ECHO, RestProtocol.OCTETS, payload);
        } catch (Exception e) {
            throw failed("echo", e);
        }
    }

    @Override
    public final OrderSummary message(Order order, MessageCodec codec) {
        MessageCodec.check(name, codec, HttpTransport.CODECS);
        OrderCodec json = OrderCodec.of(codec);
        byte[] body = json.encode(order); // before the call: a codec's failure leaves the connection usable
        try {
            checkSize("message", body.length);
            return json.decode(call("message", RestProtocol.MESSAGE, RestProtocol.JSON, body), OrderSummary.class);
        } catch (Exception e) {
            throw failed("message", e);
        }
    }

    @Override
    public final long upload(byte[] payload) {
        try {
            checkSize("upload", payload.length);
            return RestProtocol.decodeBytes(call("upload", RestProtocol.UPLOAD, RestProtocol.OCTETS, payload));
        } catch (Exception e) {
            throw failed("upload", e);
        }
    }

    @Override
    public final byte[] download(int size) {
        settings.checkMessageSize("download size", size, 0);
        try {
            byte[] answer = call("download", RestProtocol.DOWNLOAD + "?" + RestProtocol.SIZE + "=" + size, null, null);
            if (answer.length != size) {
                throw new RpcException(name + ": download of " + size + " bytes brought " + answer.length);
            }
            return answer;
        } catch (Exception e) {
            throw failed("download", e);
        }
    }

    @Override
    public final long streamValues(int count, IntConsumer sink) {
        try {
            checkUsable("streamValues");
            URI uri = uri(RestProtocol.STREAM + "?" + RestProtocol.COUNT + "=" + count);
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
    public final TransferReceipt uploadStream(InputStream source, int chunkSize) throws IOException {
        settings.checkMessageSize("chunk size", chunkSize, 1);
        try {
            checkUsable("uploadStream");
            URI uri = uri(RestProtocol.UPLOAD_STREAM + "?" + RestProtocol.CHUNK + "=" + chunkSize);
            return RestProtocol.decodeReceipt(postStream(uri, source, chunkSize));
        } catch (CallersOwn e) {
            throw callersOwn("uploadStream", e);
        } catch (Exception e) {
            throw failed("uploadStream", e);
        }
    }

    @Override
    public final long downloadStream(long totalBytes, int chunkSize, OutputStream sink) throws IOException {
        settings.checkTransfer(totalBytes, chunkSize);
        try {
            checkUsable("downloadStream");
            URI uri = uri(RestProtocol.DOWNLOAD_STREAM + "?" + RestProtocol.TOTAL + "=" + totalBytes
                    + "&" + RestProtocol.CHUNK + "=" + chunkSize);
            // Closing the body before its end (a sink that throws) abandons the response.
            try (InputStream body = getStream(uri)) {
                return RestProtocol.readChunks(body, totalBytes, chunkSize, sink);
            }
        } catch (CallersOwn e) {
            throw callersOwn("downloadStream", e);
        } catch (Exception e) {
            throw failed("downloadStream", e);
        }
    }

}
