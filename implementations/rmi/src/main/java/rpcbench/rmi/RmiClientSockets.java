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
 */
final class RmiClientSockets implements RMIClientSocketFactory, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Socket createSocket(String host, int port) throws IOException {
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
