package rpcbench.zeromq;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.Transport;

/**
 * ZeroMQ through JeroMQ, its pure-Java implementation: DEALER clients, one ROUTER server, one
 * message per value for streams with high-water marks as backpressure.
 */
public final class ZeroMqTransport implements Transport {

    @Override
    public String name() {
        return "zeromq";
    }

    @Override
    public RpcImplementation newClient() {
        return new ZeroMqClient();
    }

    @Override
    public RpcServer newServer() {
        return new ZeroMqServer();
    }

    /** Null: a DEALER keeps any number of requests in flight; call ids match the replies (AsyncCalls). */
    @Override
    public String whyNoAsyncCalls() {
        return null;
    }
}
