package rpcbench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import rpcbench.api.CallersOwn;
import rpcbench.api.RpcSettings;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsTrust;

/**
 * Jetty's own {@link HttpClient} over HTTP/1.1, one persistent connection per client object
 * (maxConnectionsPerDestination 1). Settings, each because of this benchmark:
 * <ul>
 *   <li>TCP_NODELAY on (ClientConnector; Jetty's default too, set explicitly);</li>
 *   <li>1 selector: one connection needs no more;</li>
 *   <li>its own QueuedThreadPool (Jetty's default sizes) with daemon threads, stopped in teardown,
 *       so that a forgotten client cannot keep a JVM alive;</li>
 *   <li>no User-Agent header and no gzip decoder (so no Accept-Encoding header): the server never
 *       compresses, and the other transports send no such bytes;</li>
 *   <li>no redirects followed.</li>
 * </ul>
 * Calls are bounded by {@code Request.timeout} (the whole exchange, time in Jetty's queue included);
 * streams and chunked uploads by {@code Request.idleTimeout}, which fails them when no byte moves for
 * the call timeout. Calls in flight are Jetty's asynchronous {@code send}: with one connection, Jetty
 * queues them and sends each when the previous exchange has completed.
 */
final class JettyRestClient extends HttpRestClient {

    private HttpClient client;

    JettyRestClient(RpcSettings settings) {
        super("http/jetty", settings);
    }

    @Override
    protected void openLibrary() throws IOException {
        client = JettyClients.newClient("http-jetty-client", 0, 1, timeoutMillis,
                Tls.on(settings) ? TlsTrust.clientContext(settings) : null);
        // Jetty's default of 1024 refused InFlightBenchmark's larger counts on the one connection
        client.setMaxRequestsQueuedPerDestination(rpcbench.api.AsyncCalls.MOST_IN_FLIGHT);
        try {
            client.start();
        } catch (Exception e) {
            throw new IOException("http/jetty: HttpClient did not start: " + e, e);
        }
    }

    @Override
    protected CompletableFuture<byte[]> exchange(URI uri, String contentType, byte[] body) {
        Request request = HttpAuth.jetty(client.newRequest(uri), bearer).timeout(timeoutMillis, TimeUnit.MILLISECONDS);
        if (body == null) {
            request.method(HttpMethod.GET);
        } else {
            request.method(HttpMethod.POST).body(new BytesRequestContent(contentType, body));
        }
        // The listener refuses an answer longer than the maximum instead of buffering it (the plain
        // send() would stop at 2 MB). Cancelling its future aborts the request.
        return new CompletableResponseListener(request, maxMessageBytes).send().thenApply(this::okBody);
    }

    @Override
    protected byte[] postStream(URI uri, InputStream source, int chunkSize) throws Exception {
        AsyncRequestContent content = new AsyncRequestContent(RestProtocol.OCTETS);
        Request request = HttpAuth.jetty(client.newRequest(uri), bearer)
                .method(HttpMethod.POST)
                .body(content)
                .idleTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        CompletableFuture<byte[]> answer = new CompletableResponseListener(request, RestProtocol.SMALL_BODY_LIMIT)
                .send().thenApply(this::okBody);
        try {
            byte[] chunk = new byte[chunkSize];
            int n;
            // A chunk's callback completes once Jetty has written it to the socket (so the buffer may
            // be refilled): TCP's window, through Jetty, is the backpressure. An early answer (an
            // error) ends the upload.
            while (!answer.isDone() && (n = CallersOwn.read(source, chunk)) > 0) {
                FutureCallback written = new FutureCallback();
                content.write(ByteBuffer.wrap(chunk, 0, n), written);
                await(written);
            }
            content.close();
        } catch (Exception e) {
            request.abort(e);
            throw e;
        }
        return await(answer);
    }

    private byte[] okBody(ContentResponse response) {
        if (response.getStatus() != 200) {
            throw badStatus(response.getStatus(), response.getContentAsString());
        }
        return response.getContent();
    }

    @Override
    protected InputStream getStream(URI uri) throws Exception {
        Request request = HttpAuth.jetty(client.newRequest(uri), bearer)
                .method(HttpMethod.GET)
                .idleTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        // The listener hands content over as it is read and only then asks for more: backpressure.
        // Closing its stream before the end aborts the exchange, which closes the connection.
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        Response response;
        try {
            response = listener.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            throw e;
        }
        InputStream body = listener.getInputStream();
        if (response.getStatus() != 200) {
            try (body) {
                throw badStatus(response.getStatus(), new String(body.readNBytes(1000), StandardCharsets.UTF_8));
            }
        }
        return body;
    }

    @Override
    protected void closeLibrary() {
        if (client == null) {
            return;
        }
        try {
            client.stop(); // also stops its executor, a managed bean of the client
        } catch (Exception e) {
            // closing anyway
        }
        client = null;
    }
}
