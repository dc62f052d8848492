package rpcbench.rmi;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.Transport;

/**
 * Object-RPC with Java RMI (JRMP over TCP, Java serialization): the JDK's own remote objects,
 * the Java counterpart of RPyC. No library beyond the JDK.
 */
public final class RmiTransport implements Transport {

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
}
