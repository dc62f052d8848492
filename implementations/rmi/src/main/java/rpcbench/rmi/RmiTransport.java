package rpcbench.rmi;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.Transport;

/**
 * Object-RPC with Java RMI (JRMP over TCP, Java serialization): the JDK's own remote objects,
 * the Java counterpart of RPyC. No library beyond the JDK.
 */
public final class RmiTransport implements Transport {

    /**
     * Client-side setting {@code host:port=host:port}, not set by default: a connection that an RMI
     * stub would open to the first address is opened to the second instead. It exists for measuring
     * bytes on the wire through a relay: a stub carries the server's own address
     * ({@code java.rmi.server.hostname} and the export port), so pointing the client at a relay would
     * move only the registry lookup. The first address is matched as RMI names it: the host text
     * and port given to the client for the registry, those written in the stub for the service (the
     * server exports both on one port). Read whenever RMI opens a connection; connections already
     * pooled are reused as they are.
     */
    public static final String CONNECT_VIA = "rpcbench.rmi.connectVia";

    @Override
    public String name() {
        return "rmi";
    }

    @Override
    public RpcImplementation newClient() {
        return new RmiClient();
    }

    @Override
    public RpcServer newServer() {
        return new RmiServer();
    }

    @Override
    public String whyNoAsyncCalls() {
        return "Java RMI calls are synchronous: a stub call blocks its thread until the reply, and JRMP"
                + " carries one call at a time per connection (concurrent calls take further pooled"
                + " connections), so RMI has no API to keep calls in flight on one connection";
    }
}
