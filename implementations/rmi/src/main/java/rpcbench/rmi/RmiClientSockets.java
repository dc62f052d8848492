package rpcbench.rmi;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.rmi.server.RMIClientSocketFactory;

import rpcbench.api.RpcSettings;

/**
 * Opens every client connection to the rpc-bench RMI server. The server exports its objects with
 * this factory, so it travels inside each stub and runs in the client JVM, where it reads the
 * client's own {@link RpcSettings#callTimeoutMillis()}.
 *
 * <p>Settings: TCP_NODELAY and SO_KEEPALIVE (RMI's {@code TCPEndpoint.newSocket} sets both anyway;
 * they are set here too so the choice is visible), a connect timeout and a read timeout (SO_TIMEOUT)
 * equal to the call timeout. RMI keeps a factory's own SO_TIMEOUT after its connection handshake,
 * so every read of a reply is bounded by it. That is chosen over the
 * {@code sun.rmi.transport.tcp.responseTimeout} property because the property is JVM-wide and read
 * once when RMI's transport class initialises, which a library cannot guarantee to precede.
 *
 * <p>RMI pools connections per endpoint (host, port and an equal client socket factory): instances
 * are equal by class, so all stubs of one server share one pool.
 *
 * <p>{@link RmiTransport#CONNECT_VIA}, when set in the client JVM, sends every connection that a stub
 * opens to one address to another one instead (a relay), read at each new connection.
 */
final class RmiClientSockets implements RMIClientSocketFactory, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Redirect via = redirect();
        if (via != null && via.fromPort() == port && via.fromHost().equalsIgnoreCase(host)) {
            host = via.toHost();
            port = via.toPort();
        }
        int timeoutMillis = RpcSettings.callTimeoutMillis();
        Socket socket = new BoundedSocket(timeoutMillis);
        try {
            socket.setTcpNoDelay(true);   // Nagle + delayed ACK would add ~40 ms to a call
            socket.setKeepAlive(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A parsed {@link RmiTransport#CONNECT_VIA}: connections to the first address go to the second. */
    record Redirect(String fromHost, int fromPort, String toHost, int toPort) {
    }

    /**
     * The client's {@link RmiTransport#CONNECT_VIA} setting, or null when it is not set.
     *
     * @throws IllegalArgumentException when it is not {@code host:port=host:port}
     */
    static Redirect redirect() {
        String text = System.getProperty(RmiTransport.CONNECT_VIA);
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] sides = text.trim().split("=", -1);
        int from = sides.length == 2 ? sides[0].lastIndexOf(':') : -1;
        int to = sides.length == 2 ? sides[1].lastIndexOf(':') : -1;
        if (from > 0 && to > 0) {
            try {
                return new Redirect(sides[0].substring(0, from), port(sides[0].substring(from + 1)),
                        sides[1].substring(0, to), port(sides[1].substring(to + 1)));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("system property " + RmiTransport.CONNECT_VIA + "='" + text
                + "' is not host:port=host:port (for example 127.0.0.1:40001=127.0.0.1:40002)");
    }

    private static int port(String text) {
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new NumberFormatException("port " + port);
        }
        return port;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public String toString() {
        return "RmiClientSockets[TCP_NODELAY, SO_TIMEOUT=" + RpcSettings.CALL_TIMEOUT_MS + "]";
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
