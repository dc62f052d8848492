package rpcbench.http;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import rpcbench.api.RpcServer;
import rpcbench.api.CallAuth;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerLimits;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.SharedPort;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsIdentity;
import rpcbench.api.tls.TlsLog;

/**
 * Jetty 12 serving {@link RestHandler} on one HTTP/1.1 ServerConnector with persistent connections,
 * configured the way Jetty's maintainers run their own latency tests (jetty-project/jetty-perf,
 * {@code ClusteredPerfTest.startServer}): a default {@link QueuedThreadPool}, a plain
 * {@link HttpConfiguration}, one ServerConnector with acceptors and selectors sized to the machine,
 * a handler tree with nothing but the handler under test, and no request log. Settings:
 * <ul>
 *   <li>thread pool: at most {@link ServerLimits#SERVER_THREADS} threads (256 unless set; Jetty's
 *       default is 200), otherwise Jetty's defaults (8 threads minimum, reserved threads by Jetty's
 *       heuristic), named;</li>
 *   <li>streams and downloads admitted by Jetty's QoSHandler, half the pool at most
 *       ({@link #streamsAdmitted});</li>
 *   <li>acceptors and selectors: Jetty 12.1's own defaults, 1 acceptor and max(1, min(cores / 2,
 *       maxThreads / 16)) selectors, so 1 and 1 on a 2-core machine (jetty-perf passes 4 and 24
 *       explicitly for its many-core load servers); the server log states the effective counts;</li>
 *   <li>accepted sockets TCP_NODELAY: true (Jetty's default, set explicitly because the comparison
 *       depends on it);</li>
 *   <li>no Server and Date response headers: a few bytes and a date format less per response;</li>
 *   <li>idle timeout: {@link RpcSettings#IDLE_TIMEOUT_MS} (120 s unless set, like every transport
 *       here; Jetty's own default is 30 s): a connection with no bytes moving for that long, idle
 *       between requests or stalled inside one, is closed;</li>
 *   <li>everything else, including the 32 KB output buffer, default.</li>
 * </ul>
 */
final class JettyRestServer implements RpcServer {

    /** The server modes: Jetty's pool, or its virtual-thread executor for handlers (Jetty's threadpool-virtual module). */
    static final List<ServerMode> MODES = List.of(
            ServerMode.of("pool", "Jetty's QueuedThreadPool runs selectors and handlers"),
            ServerMode.onVirtualThreads("virtual", "QueuedThreadPool.setVirtualThreadsExecutor(virtual threads):"
                    + " handlers (blocking tasks) on a virtual thread each, selectors on the pool (Jetty's"
                    + " threadpool-virtual module)"));

    private final RpcSettings settings;
    private final ServerMode mode;
    private Server server;

    private TlsIdentity identity;

    JettyRestServer(RpcSettings settings, ServerMode mode) {
        this.settings = settings;
        this.mode = mode;
    }

    @Override
    public synchronized int start(InetAddress address, int port) throws IOException {
        if (server != null) {
            throw new IllegalStateException("http server already started");
        }
        ServerLimits limits = ServerLimits.of(settings);
        QueuedThreadPool threads = new QueuedThreadPool(limits.serverThreads());
        threads.setName("jetty-rest");
        if (mode != MODES.get(0)) {
            threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("jetty-rest-virtual"));
        }
        server = new Server(threads);

        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);

        ServerConnector connector = Tls.on(settings) ? secureConnector(address, config)
                : new ServerConnector(server, -1, -1, new HttpConnectionFactory(config));
        connector.setHost(address.getHostAddress());
        connector.setPort(port);
        connector.setAcceptedTcpNoDelay(true);
        connector.setReusePort(SharedPort.asked(settings));
        connector.setIdleTimeout(settings.idleTimeoutMillis());
        server.addConnector(connector);
        server.setHandler(streamsAdmitted(new RestHandler(settings.maxMessageBytes(), limits, ServerWork.of(settings),
                CallAuth.server("http", settings)), limits));
        try {
            server.start();
        } catch (IOException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IOException("http server: Jetty did not start: " + e, e);
        }
        System.err.printf("http server: Jetty %s on %s:%d, %d acceptor(s), %d selector(s), pool %d..%d threads,"
                        + " TCP_NODELAY %b, output buffer %d bytes, max request body %d bytes, idle timeout %d ms%n",
                Server.getVersion(), address.getHostAddress(), connector.getLocalPort(), connector.getAcceptors(),
                connector.getSelectorManager().getSelectorCount(),
                threads.getMinThreads(), threads.getMaxThreads(), connector.getAcceptedTcpNoDelay(),
                config.getOutputBufferSize(), settings.maxMessageBytes(), connector.getIdleTimeout());
        return connector.getLocalPort();
    }

    @Override
    public String clientTrust() {
        return identity == null ? null : identity.trustText();
    }

    /**
     * HTTPS: Jetty's SslConnectionFactory (the JDK's SSLEngine, SunJSSE) in front of the same
     * HTTP/1.1 factory, held to TLS 1.3, with a certificate made now; it logs its first handshake.
     */
    private ServerConnector secureConnector(InetAddress address, HttpConfiguration config) throws IOException {
        identity = TlsIdentity.generate(address);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(identity.serverContext());
        tls.setIncludeProtocols(Tls.PROTOCOL);
        SslConnectionFactory secure = new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString());
        secure.addBean(new SslHandshakeListener() {
            @Override
            public void handshakeSucceeded(Event event) {
                TlsLog.firstHandshake("http", "Jetty SslConnectionFactory, JDK SunJSSE", event.getSSLEngine().getSession());
            }
        });
        return new ServerConnector(server, -1, -1, secure, new HttpConnectionFactory(config));
    }

    /**
     * Jetty's QoSHandler in front of the resources whose blocking writes hold a pool thread for as
     * long as the client takes to read (streams and downloads): at most half the pool runs them at
     * once, so clients that request a stream and never read cannot take every thread; one more waits,
     * without a thread, for up to the call timeout and then gets 503. Other requests pass untouched.
     */
    private Handler streamsAdmitted(Handler resources, ServerLimits limits) {
        QoSHandler qos = new QoSHandler(resources);
        qos.includePath(RestProtocol.STREAM);
        qos.includePath(RestProtocol.DOWNLOAD);
        qos.includePath(RestProtocol.DOWNLOAD_STREAM);
        qos.setMaxRequestCount(Math.max(1, limits.serverThreads() / 2));
        qos.setMaxSuspend(Duration.ofMillis(settings.callTimeoutMillis()));
        return qos;
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("http server: stop failed: " + e);
        } finally {
            server = null;
        }
    }
}
