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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JDK's {@link HttpClient} (java.net.http), forced to HTTP/1.1. Its connection pool belongs to
 * the HttpClient instance, so one instance per client object, used by one thread, is one persistent
 * connection. The JDK sets TCP_NODELAY on every connection it opens itself (PlainHttpConnection), so
 * there is nothing to set.
 *
 * <p>Threads: the client's selector thread is a daemon; its executor (response processing) is ours,
 * a cached pool of daemon threads that {@link #closeLibrary} shuts down (a direct executor measured no
 * faster). On JDK 21+ {@code shutdownNow()} also stops the selector thread and closes the pooled
 * connection at once; JDK 17 has no such call, so there the idle connection is closed by the server's
 * idle timeout (30 s) or when the unreachable client is garbage collected, whichever comes first.
 *
 * <p>Every exchange is bounded by the call timeout: calls wait for the whole answer with a timed
 * {@code get}, and a stream waits at most that long for each next piece ({@link JdkBodyStream}).
 */
final class JdkRestClient extends HttpRestClient {

    private ExecutorService executor;
    private HttpClient client;

    JdkRestClient() {
        super("http/jdk");
    }

    @Override
    protected void openLibrary() {
        executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "http-jdk-client");
            t.setDaemon(true);
            return t;
        });
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(timeoutMillis))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    @Override
    protected byte[] post(URI uri, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(timeoutMillis))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        // A declared length above the maximum is not buffered; the server never sends one (it echoes
        // only what it accepted), so this only guards against a foreign server.
        BodyHandler<byte[]> capped = info -> info.headers().firstValueAsLong("Content-Length").orElse(0)
                > maxMessageBytes ? BodySubscribers.replacing(null) : BodySubscribers.ofByteArray();
        HttpResponse<byte[]> response = await(client.sendAsync(request, capped));
        if (response.body() == null) {
            throw badStatus(response.statusCode(), "answer larger than " + maxMessageBytes + " bytes");
        }
        if (response.statusCode() != 200) {
            throw badStatus(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    @Override
    protected InputStream getStream(URI uri) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(timeoutMillis)).GET().build();
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

    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> exchange) throws Exception {
        try {
            return exchange.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            exchange.cancel(true);
            throw e;
        }
    }

    @Override
    protected void closeLibrary() {
        if (client != null) {
            try {
                // JDK 21+ only; the source level is 17, hence reflection.
                HttpClient.class.getMethod("shutdownNow").invoke(client);
            } catch (NoSuchMethodException e) {
                // JDK 17-20: the selector thread is a daemon and ends once the client is unreachable.
            } catch (ReflectiveOperationException | RuntimeException e) {
                // closing anyway
            }
            client = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
