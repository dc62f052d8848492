package rpcbench.http;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;

import javax.net.ssl.SSLContext;

import rpcbench.api.CallersOwn;
import rpcbench.api.RpcSettings;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsTrust;

/**
 * The JDK's {@link HttpClient} (java.net.http), forced to HTTP/1.1. Its connection pool belongs to
 * the HttpClient instance, so one instance per client object, used by one thread, is one persistent
 * connection. The JDK sets TCP_NODELAY on every connection it opens itself (PlainHttpConnection), so
 * there is nothing to set.
 *
 * <p>Threads: the client's selector thread is a daemon; its executor (response processing) is ours,
 * a cached pool of daemon threads that {@link #closeLibrary} shuts down (a direct executor measured no
 * faster). On JDK 21+ {@code shutdownNow()} also stops the selector thread and closes the pooled
 * connection at once. JDK 17-20 have no such call: the selector thread ends and the connection closes
 * only when the unreachable client is garbage collected, so teardown there drops the client and
 * requests a collection ({@code System.gc()}), a cost that a connect-call-close measurement of this
 * client on JDK 17 includes.
 *
 * <p>Calls in flight: {@code sendAsync}. HTTP/1.1 has one exchange per connection at a time and the
 * JDK client has no per-host connection limit, so it opens a new connection for every call that
 * finds no idle one in its pool: N calls in flight use up to N connections (see {@link HttpTransport}).
 *
 * <p>Every exchange is bounded by the call timeout: calls wait for the whole answer with a timed
 * {@code get}, and a stream waits at most that long for each next piece ({@link JdkBodyStream}).
 */
final class JdkRestClient extends HttpRestClient {

    private ExecutorService executor;
    private HttpClient client;

    JdkRestClient(RpcSettings settings) {
        super("http/jdk", settings);
    }

    @Override
    protected void openLibrary() {
        executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "http-jdk-client");
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (Tls.on(settings)) { // HTTPS with this client's trust, held to TLS 1.3
            SSLContext tls = TlsTrust.clientContext(settings);
            builder.sslContext(tls).sslParameters(Tls.only13(tls.getDefaultSSLParameters()));
        }
        client = builder
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(timeoutMillis))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * One connection per call in flight: past the server's connection threads (ServerLimits'
     * default of 256) it refuses connections, which the calls saw as "header parser received no bytes".
     */
    @Override
    public int mostInFlight() {
        return rpcbench.api.ServerLimits.SERVER_THREADS.defaultValue();
    }

    @Override
    protected CompletableFuture<byte[]> exchange(URI uri, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpAuth.jdk(HttpRequest.newBuilder(uri), bearer).timeout(Duration.ofMillis(timeoutMillis));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        // The request timeout ends at the response headers; the rest of the answer is bounded by the
        // caller's timed wait (or orTimeout for calls in flight).
        return client.sendAsync(request.build(), capped(maxMessageBytes)).thenApply(this::okBody);
    }

    @Override
    protected byte[] postStream(URI uri, InputStream source, int chunkSize) throws Exception {
        JdkChunkPublisher chunks = new JdkChunkPublisher(timeoutMillis);
        // No request timeout: it would run from the first byte to the answer, however long the upload
        // takes. Each chunk waits at most the call timeout for demand instead, and the answer as long.
        HttpRequest request = HttpAuth.jdk(HttpRequest.newBuilder(uri), bearer)
                .header("Content-Type", RestProtocol.OCTETS)
                .POST(HttpRequest.BodyPublishers.fromPublisher(chunks))
                .build();
        CompletableFuture<byte[]> answer = client.sendAsync(request, capped(RestProtocol.SMALL_BODY_LIMIT))
                .thenApply(this::okBody);
        chunks.endWhenDone(answer);
        try {
            boolean more = true;
            while (more) {
                // A new array per chunk: the JDK may hold a chunk after asking for the next one (its
                // own BodyPublishers.ofInputStream allocates per read, too).
                byte[] chunk = new byte[chunkSize];
                int n = CallersOwn.read(source, chunk);
                more = n > 0 && chunks.send(ByteBuffer.wrap(chunk, 0, n));
            }
            chunks.complete();
        } catch (Exception e) {
            chunks.fail(e);
            answer.cancel(true);
            throw e;
        }
        return await(answer);
    }

    /** Buffers an answer only when its declared length is within {@code limit}. */
    private static BodyHandler<byte[]> capped(int limit) {
        return info -> info.headers().firstValueAsLong("Content-Length").orElse(0) > limit
                ? BodySubscribers.replacing(null) : BodySubscribers.ofByteArray();
    }

    private byte[] okBody(HttpResponse<byte[]> response) {
        if (response.body() == null) {
            throw badStatus(response.statusCode(), "answer larger than the maximum");
        }
        if (response.statusCode() != 200) {
            throw badStatus(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    @Override
    protected InputStream getStream(URI uri) throws Exception {
        HttpRequest request = HttpAuth.jdk(HttpRequest.newBuilder(uri), bearer).timeout(Duration.ofMillis(timeoutMillis))
                .GET().build();
        // ofPublisher completes at the response headers, so the status is known before the body.
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
                await(client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher()));
        JdkBodyStream body = new JdkBodyStream(timeoutMillis);
        response.body().subscribe(body);
        if (response.statusCode() != 200) {
            try (body) {
                throw badStatus(response.statusCode(), new String(body.readNBytes(1000), StandardCharsets.UTF_8));
            }
        }
        return body;
    }

    @Override
    protected void closeLibrary() {
        if (client != null) {
            try {
                // JDK 21+ only; the source level is 17, hence reflection.
                HttpClient.class.getMethod("shutdownNow").invoke(client);
                client = null;
            } catch (NoSuchMethodException e) {
                // JDK 17-20 cannot close an HttpClient: its selector thread and pooled connection go only
                // once the client is garbage collected. Without a collection here, a JVM that opens many
                // short-lived clients (ConnectBenchmark) keeps a thread and a socket per client.
                client = null;
                System.gc();
            } catch (ReflectiveOperationException | RuntimeException e) {
                client = null; // closing anyway
            }
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
