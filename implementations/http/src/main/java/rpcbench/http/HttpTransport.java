package rpcbench.http;

import java.io.IOException;

import java.util.List;

import rpcbench.api.CallPool;
import rpcbench.api.Endpoint;
import rpcbench.api.MessageCodec;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.Setting;
import rpcbench.api.Transport;

/**
 * HTTP/REST: a Jetty 12 server with Jackson JSON bodies ({@link JettyRestServer}), and a client that
 * is either the JDK's java.net.http client ({@link JdkRestClient}) or Jetty's own
 * ({@link JettyRestClient}), chosen by {@link #CLIENT}. The server is the same for both.
 *
 * <p>Transfers: upload is a POST of an octet-stream body with a Content-Length, download a GET of
 * one; the chunked upload is a POST with a chunked body (one HTTP chunk per chunk, the next one only
 * when the library has taken the last), the chunked download a GET whose chunked response the client
 * reads as it arrives. TCP's window, which the libraries and Jetty's blocking writes respect, is the
 * backpressure both ways.
 *
 * <p>Calls in flight go through each library's own asynchronous API, but HTTP/1.1 carries one
 * exchange per connection at a time (neither library pipelines), so neither keeps several calls
 * outstanding on one connection. Measured (HttpTransferBehaviourTest, through a connection-counting
 * proxy): the Jetty client, limited to one connection per destination, queues N calls and sends them
 * one after another on its single connection (1 connection for 1, 16 and 128 in flight); the JDK
 * client opens a connection for every call that finds no idle one (15 connections for 16 in flight,
 * 89 for 128 in one run: up to N).
 */
public final class HttpTransport implements Transport {

    /** REST's own: JSON through Jackson. */
    static final List<MessageCodec> CODECS = List.of(MessageCodec.JSON);

    /**
     * Which HTTP client the transport's clients use: {@code jdk} (java.net.http.HttpClient) or
     * {@code jetty} (org.eclipse.jetty.client.HttpClient). Default {@code jetty}: the faster of the two
     * for one connection in this module's measurements (simpleCall and 1 MB echo; README, systems table).
     */
    public static final Setting<String> CLIENT = Setting.choice("rpcbench.http.client", "jetty",
            "http: the client library, jetty (Jetty's HttpClient) or jdk (java.net.http)", "jetty", "jdk");

    /**
     * Which client the open-loop load benchmarks call with: {@code netty} (default: Netty's HTTP codec on
     * the generator's own thread, as lean as wrk; {@link NettyHttpCallPool}), or {@code client}, the
     * transport's client as {@link #CLIENT} chooses it (Jetty's asynchronous requests, or the JDK's).
     */
    public static final Setting<String> LOAD_CLIENT = Setting.choice("rpcbench.http.load.client", "netty",
            "http: the load benchmarks' client, netty (Netty's HTTP codec, one thread, as wrk) or client (the one "
                    + "rpcbench.http.client chooses)", "netty", "client");

    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<MessageCodec> codecs() {
        return CODECS;
    }

    @Override
    public RpcImplementation newClient(RpcSettings settings) {
        return settings.get(CLIENT).equals("jdk") ? new JdkRestClient(settings) : new JettyRestClient(settings);
    }

    /**
     * By default N connections driven by the generator's thread through Netty ({@link NettyHttpCallPool});
     * with {@link #LOAD_CLIENT} {@code client}, Jetty's client: one HttpClient with N connections
     * ({@link JettyCallPool}), or the JDK's client (rpcbench.http.client=jdk): one client per connection
     * through its async API.
     */
    @Override
    public CallPool newCallPool(RpcSettings settings, Endpoint server, int connections) throws IOException {
        if (settings.get(LOAD_CLIENT).equals("netty")) {
            return NettyHttpCallPool.connect(settings, server, connections);
        }
        return settings.get(CLIENT).equals("jdk") ? Transport.super.newCallPool(settings, server, connections)
                : JettyCallPool.connect(settings, server, connections);
    }

    @Override
    public RpcServer newServer(RpcSettings settings) {
        return new JettyRestServer(settings, ServerMode.chosen(this, settings));
    }

    @Override
    public List<ServerMode> serverModes() {
        return JettyRestServer.MODES;
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(CLIENT, LOAD_CLIENT);
    }

    /** Both clients keep calls in flight with their library's asynchronous API; see the class comment. */
    @Override
    public boolean sharesPort() {
        return true; // SO_REUSEPORT on its listening socket (SharedPort)
    }

    @Override
    public String whyNoAsyncCalls() {
        return null;
    }
}
