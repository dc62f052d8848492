package rpcbench.tcp;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.Transport;

/** The raw-TCP floor that every report compares against. */
public final class TcpTransport implements Transport {

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public RpcImplementation newClient() {
        return new TcpClient();
    }

    @Override
    public RpcServer newServer() {
        return new TcpServer();
    }
}
