package rpcbench.rmi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsLog;

/**
 * Listening sockets of the rpc-bench RMI server: bound to the server's address only (RMI's default
 * factory binds the wildcard address), TCP_NODELAY on every accepted socket (RMI's connection
 * handler sets it too), with TLS the JDK's SSLSocket layered on each accepted socket, and every socket remembered so that {@link #close()} can end all
 * connections: RMI itself has no call that closes a listener or its accepted connections; no
 * client can change the registry ({@link GuardedSocket}).
 *
 * <p>The server passes this one instance to every export, so the registry, the service and every
 * stream share one endpoint, one listener and one accept thread. Equality is identity for that
 * reason: RMI shares a listener between exports whose factories are equal.
 */
final class RmiServerSockets implements RMIServerSocketFactory {

    private static final int BACKLOG = 128;

    private final InetAddress address;
    private final RmiFilter filter;
    private final Set<ServerSocket> listeners = ConcurrentHashMap.newKeySet();
    private final Set<Socket> accepted = ConcurrentHashMap.newKeySet();
    private volatile int boundPort = -1;
    private volatile boolean closed;
    /** The server's TLS context, null for plaintext. */
    private final SSLContext tls;

    RmiServerSockets(InetAddress address, RmiFilter filter, SSLContext tls) {
        this.address = address;
        this.filter = filter;
        this.tls = tls;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        if (closed) {
            throw new IOException("rmi server on " + address.getHostAddress() + " is closed");
        }
        ServerSocket listener = new TrackingServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(address, port), BACKLOG);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        listeners.add(listener);
        boundPort = listener.getLocalPort();
        return listener;
    }

    /** The port of the listener created last; -1 before the first export. */
    int boundPort() {
        return boundPort;
    }

    /** Closes every listener and every accepted connection; RMI's threads then end by themselves. */
    void close() {
        closed = true;
        for (ServerSocket listener : listeners) {
            closeQuietly(listener);
        }
        for (Socket socket : accepted) {
            closeQuietly(socket);
        }
    }

    @Override
    public String toString() {
        return "RmiServerSockets[" + address.getHostAddress() + "]";
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    /**
     * An accepted connection that does not say where it comes from, so that the registry refuses
     * every client's bind, rebind and unbind: the JDK's registry lets a caller change it when the
     * caller's address is one of this machine's (any local process could replace the service with
     * an impostor), and refuses a caller whose address is unknown, which is what RMI sees here
     * ({@code RegistryImpl.checkAccess}: "origin unknown"). Nothing else on the server asks. When
     * RMI's connection thread closes it, the budget of an array it was reading goes back.
     */
    private final class GuardedSocket extends Socket {

        @Override
        public InetAddress getInetAddress() {
            return UNKNOWN;
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                super.close();
            } finally {
                filter.arrived();
            }
        }
    }

    /** The wildcard address: what RMI's registry reads as an unknown origin. */
    private static final InetAddress UNKNOWN = new InetSocketAddress(0).getAddress();

    /** A listener that configures and remembers each connection it accepts. */
    private final class TrackingServerSocket extends ServerSocket {

        TrackingServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = new GuardedSocket();
            implAccept(socket);
            socket.setTcpNoDelay(true);
            accepted.removeIf(Socket::isClosed);   // RMI closes idle connections; keep only live ones
            accepted.add(socket);
            if (closed) {
                socket.close();
            }
            return tls == null || closed ? socket : secure(socket);
        }

        /**
         * The JDK's server SSLSocket layered on the accepted one, which it closes and whose
         * (unknown) address it reports; the handshake runs later, on RMI's connection thread.
         */
        private Socket secure(Socket socket) throws IOException {
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, true); // server mode
            secure.setSSLParameters(Tls.only13(secure.getSSLParameters()));
            secure.addHandshakeCompletedListener(h -> TlsLog.firstHandshake("rmi", "JDK SunJSSE", h.getSession()));
            return secure;
        }
    }
}
