package rpcbench.http;

import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import rpcbench.api.tls.Tls;

/**
 * How every Jetty {@code HttpClient} of rpc-bench is made (not started): one selector, TCP_NODELAY,
 * the call timeout as connect timeout, no redirects, no User-Agent, no content decoders, and a
 * daemon thread pool; only the thread pool's size and the connections per server differ.
 */
final class JettyClients {

    private JettyClients() {
    }

    /**
     * @param maxThreads  the pool's size, or 0 for Jetty's default
     * @param connections persistent connections per server
     * @param tls         the client's TLS context (HTTPS, held to TLS 1.3, with Jetty's HTTPS
     *                    endpoint identification), or null for plaintext
     */
    static HttpClient newClient(String threadName, int maxThreads, int connections, int timeoutMillis, SSLContext tls) {
        QueuedThreadPool threads = maxThreads > 0 ? new QueuedThreadPool(maxThreads, Math.min(2, maxThreads))
                : new QueuedThreadPool();
        threads.setName(threadName);
        threads.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setTCPNoDelay(true);
        connector.setConnectTimeout(Duration.ofMillis(timeoutMillis));
        connector.setExecutor(threads);
        if (tls != null) {
            SslContextFactory.Client secure = new SslContextFactory.Client();
            secure.setSslContext(tls);
            secure.setIncludeProtocols(Tls.PROTOCOL);
            connector.setSslContextFactory(secure);
        }
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(connections);
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.getContentDecoderFactories().clear();
        client.setHttpCookieStore(new HttpCookieStore.Empty()); // no cookies in this protocol: none stored or sent
        return client;
    }
}
