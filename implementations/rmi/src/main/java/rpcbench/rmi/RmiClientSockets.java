package rpcbench.rmi;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.rmi.server.RMIClientSocketFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;
import rpcbench.api.tls.Tls;

/**
 * Opens every client connection to the rpc-bench RMI server. The server exports its objects with
 * this factory, so it travels inside each stub and runs in the client JVM, where it applies the
 * {@link Routes} its clients set up: their call timeout, and a relay in front of the server.
 *
 * <p>With TLS ({@link Tls}), each connection is the JDK's SSLSocket layered on that socket, with
 * the client's own trust.
 *
 * <p>Settings: TCP_NODELAY and SO_KEEPALIVE (RMI's {@code TCPEndpoint.newSocket} sets both anyway;
 * they are set here too so the choice is visible), a connect timeout and a read timeout (SO_TIMEOUT)
 * equal to the call timeout. RMI keeps a factory's own SO_TIMEOUT after its connection handshake,
 * so every read of a reply is bounded by it. That is chosen over the
 * {@code sun.rmi.transport.tcp.responseTimeout} property because the property is JVM-wide and read
 * once when RMI's transport class initialises, which a library cannot guarantee to precede.
 *
 * <p>RMI pools connections per endpoint (host, port and an equal client socket factory): instances
 * in stubs are equal by class and TLS, so all stubs of one server share one pool; a client's own
 * registry lookup has a pool of its own TLS context. The settings of a connection are
 * therefore those of the address it goes to, as the latest client set up to that address asked
 * ({@link #route}); an address no client asked for gets the default call timeout.
 *
 * <p>A relay: a stub carries its server's own address ({@code java.rmi.server.hostname} and the
 * export port), so pointing a client at a relay would move only the registry lookup. A client given
 * a relay's endpoint ({@link Endpoint#fronting()}) routes the server's address to the relay, so every
 * connection its stubs open passes the relay. The server's address is matched as RMI names it: the
 * host text and port the server's endpoint names (the server writes its bind address in its stubs and
 * exports everything on the registry's port). Connections already pooled are reused as they are.
 * Several relays, each in front of its own server, work at once.
 */
final class RmiClientSockets implements RMIClientSocketFactory, Serializable {

    private static final long serialVersionUID = 1L;

    /** Whether the server that exported with this factory serves TLS (travels in its stubs). */
    private final boolean tls;
    /**
     * The TLS context of the one client that made this factory for its registry lookup, null in
     * stubs: part of equality, so that RMI never hands that lookup a connection pooled by a client
     * of other trust (or of none).
     */
    private final transient SSLContext own;
    /**
     * The connections this factory opened, when it is one client's ({@code own} set): RMI pools them
     * per factory and closes them only after 15 s idle, and with a context per client each client's
     * lookup connection is one nobody reuses, so {@link #closeOwn} closes them at the client's
     * teardown. A ConnectBenchmark over TLS otherwise left some 900 idle connections, past the
     * server's 256 connection threads (ServerLimits), whose refusal ended the trial.
     */
    private final transient List<Socket> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The factory a server exports with: {@code tls} says whether it serves TLS. */
    RmiClientSockets(boolean tls) {
        this.tls = tls;
        this.own = null;
    }

    /** The factory of one client's registry lookup: over TLS with {@code own}, or plaintext when null. */
    RmiClientSockets(SSLContext own) {
        this.tls = own != null;
        this.own = own;
    }
    /** Per address, the routes of the clients set up to it, latest last. */
    private static final Map<String, List<Route>> ROUTES = new ConcurrentHashMap<>();

    /** Where connections to an address go, and their timeout; equal only to itself. */
    private static final class Route {
        final String host;
        final int port;
        final int timeoutMillis;
        /** The client's TLS context, null for plaintext. */
        final SSLContext tls;

        Route(String host, int port, int timeoutMillis, SSLContext tls) {
            this.host = host;
            this.port = port;
            this.timeoutMillis = timeoutMillis;
            this.tls = tls;
        }
    }

    /** The routes one client set up; {@link #close()} takes them away again. */
    static final class Routes implements AutoCloseable {
        private final List<String> keys;
        private final Route route;

        private Routes(List<String> keys, Route route) {
            this.keys = keys;
            this.route = route;
        }

        @Override
        public void close() {
            for (String key : keys) {
                ROUTES.computeIfPresent(key, (k, routes) -> {
                    List<Route> left = new ArrayList<>(routes);
                    left.removeIf(r -> r == route);
                    return left.isEmpty() ? null : List.copyOf(left);
                });
            }
        }
    }

    /**
     * Connections to {@code endpoint}, and to every server it fronts, go to {@code endpoint} with
     * {@code timeoutMillis} as their connect and read timeout, over TLS with {@code tls} (null: plaintext), until the routes are closed (or a
     * client set up later to the same address routes it otherwise).
     */
    static Routes route(Endpoint endpoint, int timeoutMillis, SSLContext tls) {
        Route route = new Route(endpoint.host(), endpoint.port(), timeoutMillis, tls);
        List<String> keys = new ArrayList<>();
        for (Endpoint e = endpoint; e != null; e = e.fronting()) {
            String key = key(e.host(), e.port());
            keys.add(key);
            ROUTES.merge(key, List.of(route), (old, added) -> {
                List<Route> all = new ArrayList<>(old);
                all.addAll(added);
                return List.copyOf(all);
            });
        }
        return new Routes(keys, route);
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        List<Route> routes = ROUTES.get(key(host, port));
        Route route = routes != null ? routes.get(routes.size() - 1)
                : new Route(host, port, RpcSettings.CALL_TIMEOUT_MS.defaultValue(), null);
        SSLContext context = own != null ? own : route.tls;
        if (tls && context == null) {
            throw new java.rmi.ConnectIOException("the rmi server at " + host + ":" + port + " serves TLS and this client"
                    + " does not (give the client -p tls=true or -D" + Tls.ENABLED + "=true)");
        }
        Socket socket = new BoundedSocket(route.timeoutMillis);
        try {
            socket.setTcpNoDelay(true);   // Nagle + delayed ACK would add ~40 ms to a call
            socket.setKeepAlive(true);
            socket.setSoTimeout(route.timeoutMillis);
            socket.connect(new InetSocketAddress(route.host, route.port), route.timeoutMillis);
            if (context == null) {
                return socket;
            }
            // The JDK's SSLSocket layered on this socket (its timeouts stay the bounded ones); RMI's
            // SslRMIClientSocketFactory would use the JVM-wide default context instead of this client's trust.
            SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(socket, route.host, route.port, true);
            secure.setSSLParameters(Tls.only13(secure.getSSLParameters()));
            if (own != null) {
                opened.removeIf(Socket::isClosed);
                opened.add(secure);
            }
            return secure;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Closes the connections this factory opened for its client ({@link #opened}); none in stubs. */
    void closeOwn() {
        for (Socket socket : opened) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing: nothing is lost
            }
        }
        opened.clear();
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((RmiClientSockets) other).tls == tls
                && ((RmiClientSockets) other).own == own;
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 31 + Boolean.hashCode(tls) + System.identityHashCode(own);
    }

    @Override
    public String toString() {
        return "RmiClientSockets[TCP_NODELAY, SO_TIMEOUT=" + RpcSettings.CALL_TIMEOUT_MS.name() + "]";
    }

    /**
     * A socket whose read timeout never exceeds the call timeout. RMI raises the timeout to
     * {@code sun.rmi.transport.tcp.handshakeTimeout} (default 60 s) while it opens a connection, so
     * without this cap a server that accepts but does not answer (a frozen process) would hold a
     * call for a minute.
     */
    private static final class BoundedSocket extends Socket {

        private final int maxMillis;

        BoundedSocket(int maxMillis) {
            this.maxMillis = maxMillis;
        }

        @Override
        public synchronized void setSoTimeout(int millis) throws SocketException {
            super.setSoTimeout(millis <= 0 || millis > maxMillis ? maxMillis : millis);
        }
    }
}
