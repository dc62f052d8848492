package rpcbench.rmi;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.ExportException;
import java.rmi.server.UnicastRemoteObject;

import rpcbench.api.CallAuth;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerLimits;
import rpcbench.api.ServerWork;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsIdentity;

/**
 * An RMI registry and the exported {@link RmiService}, sharing one listener on the given address:
 * the registry is created first on the requested port (0: one the OS chooses), and the service and
 * its streams are exported on the port the registry got, with the same socket factories, which
 * makes RMI reuse that listener. {@link #start} returns the registry's port; clients look the
 * service up there.
 *
 * <p>Threading is RMI's own: one accept thread and one thread per connection from a pool bounded by
 * {@link ServerLimits#SERVER_THREADS} ({@code sun.rmi.transport.tcp.maxConnectionThreads}, unbounded
 * by default), idle threads kept 60 s. No client can bind, rebind or unbind in the registry
 * ({@link RmiServerSockets}). Stubs carry the host named by {@code java.rmi.server.hostname}, which is set
 * to the bind address (loopback for a wildcard bind) unless the JVM was given one explicitly.
 */
final class RmiServer implements RpcServer {

    /** The JDK property that decides the host name written into stubs. */
    static final String HOSTNAME_PROPERTY = "java.rmi.server.hostname";
    /** The JDK property that bounds how long a server connection may wait for a byte. */
    static final String READ_TIMEOUT_PROPERTY = "sun.rmi.transport.tcp.readTimeout";
    /** The JDK property that bounds RMI's connection threads. */
    static final String MAX_THREADS_PROPERTY = "sun.rmi.transport.tcp.maxConnectionThreads";

    private final RpcSettings settings;
    private RmiServerSockets serverSockets;
    private Registry registry;
    private RmiServiceImpl service;
    private TlsIdentity identity;

    RmiServer(RpcSettings settings) {
        this.settings = settings;
    }

    @Override
    public String clientTrust() {
        return identity == null ? null : identity.trustText();
    }

    @Override
    public int start(InetAddress address, int port) throws IOException {
        useHostName(address);
        useIdleTimeout(settings.idleTimeoutMillis());
        ServerLimits limits = ServerLimits.of(settings);
        useThreadLimit(limits.serverThreads());
        int maxMessageBytes = settings.maxMessageBytes();
        RmiFilter filter = new RmiFilter(maxMessageBytes, limits, CallAuth.server("rmi", settings).required());
        if (Tls.on(settings)) {
            identity = TlsIdentity.generate(address);
        }
        serverSockets = new RmiServerSockets(address, filter, identity == null ? null : identity.serverContext());
        RmiClientSockets clientSockets = new RmiClientSockets(identity != null);
        try {
            registry = LocateRegistry.createRegistry(port, clientSockets, serverSockets);
        } catch (ExportException e) {
            if (e.getCause() instanceof BindException bind) {
                throw bind;   // ServerMain explains a port in use
            }
            throw e;
        }
        int registryPort = serverSockets.boundPort();
        ServerWork work = ServerWork.of(settings);
        service = new RmiServiceImpl(registryPort, clientSockets, serverSockets, filter, maxMessageBytes, work);
        // A direct call on the local registry object: the registry's remote-bind restrictions do not apply.
        registry.rebind(RmiService.NAME, service.export(CallAuth.server("rmi", settings)));
        return registryPort;
    }

    /**
     * Makes stubs carry the address clients can reach. Set before the first export because RMI reads
     * it when it creates the local endpoint.
     */
    private static void useHostName(InetAddress address) {
        String host = address.isAnyLocalAddress()
                ? InetAddress.getLoopbackAddress().getHostAddress()
                : address.getHostAddress();
        String given = System.getProperty(HOSTNAME_PROPERTY);
        if (given == null) {
            System.setProperty(HOSTNAME_PROPERTY, host);
        } else if (!given.equals(host)) {
            System.err.println("rmi server: stubs name " + HOSTNAME_PROPERTY + "=" + given + " (set explicitly), "
                    + "the server listens on " + address.getHostAddress());
        }
    }

    /**
     * Closes connections that send nothing for {@link RpcSettings#IDLE_TIMEOUT_MS}: RMI puts
     * {@code sun.rmi.transport.tcp.readTimeout} (default 2 hours) on every accepted connection as
     * its read timeout, between calls and within one. It is read once, when RMI's TCP transport
     * class initialises at the first export, so it is set here, before that. Clients' pooled
     * connections are closed by the clients after 15 s idle, well before, and a client finding a
     * pooled connection dead opens another.
     */
    private static void useIdleTimeout(int idleMillis) {
        if (System.getProperty(READ_TIMEOUT_PROPERTY) == null) {
            System.setProperty(READ_TIMEOUT_PROPERTY, Integer.toString(idleMillis));
        }
    }

    /**
     * Bounds RMI's connection threads (one per connection) by {@link ServerLimits#SERVER_THREADS}:
     * {@code sun.rmi.transport.tcp.maxConnectionThreads} (unbounded by default; RMI closes a
     * connection it has no thread for). Read once, when RMI's TCP transport class initialises.
     */
    private static void useThreadLimit(int threads) {
        if (System.getProperty(MAX_THREADS_PROPERTY) == null) {
            System.setProperty(MAX_THREADS_PROPERTY, Integer.toString(threads));
        }
    }

    @Override
    public void close() {
        if (service != null) {
            service.unexportAll();
            service = null;
        }
        if (registry != null) {
            try {
                UnicastRemoteObject.unexportObject(registry, true);
            } catch (NoSuchObjectException e) {
                // already unexported
            }
            registry = null;
        }
        if (serverSockets != null) {
            // RMI keeps a listener on an anonymous port open after the last unexport; close it and
            // every connection so that nothing is left serving.
            serverSockets.close();
        }
    }
}
