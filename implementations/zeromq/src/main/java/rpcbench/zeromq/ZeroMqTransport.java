package rpcbench.zeromq;

import java.io.IOException;
import java.util.List;

import rpcbench.api.CallPool;
import rpcbench.api.Endpoint;
import rpcbench.api.MessageCodec;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.Transport;
import rpcbench.codec.Messages;

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
    public List<MessageCodec> codecs() {
        return Messages.EVERY_CODEC;
    }

    @Override
    public RpcImplementation newClient(RpcSettings settings) {
        return new ZeroMqClient(settings);
    }

    /** N DEALERs owned and polled by the load generator's thread ({@link ZeroMqCallPool}). */
    @Override
    public CallPool newCallPool(RpcSettings settings, Endpoint server, int connections) throws IOException {
        return ZeroMqCallPool.connect(settings, server, connections);
    }

    @Override
    public RpcServer newServer(RpcSettings settings) {
        return new ZeroMqServer(settings, ServerMode.chosen(this, settings));
    }

    @Override
    public List<ServerMode> serverModes() {
        return List.of(ZeroMqServer.ROUTER, ZeroMqServer.WORKERS);
    }

    /** Null: a DEALER keeps any number of requests in flight; call ids match the replies (AsyncCalls). */
    @Override
    public String whyNoAsyncCalls() {
        return null;
    }

    /** CURVE, not TLS: its handshake failures are named by the client's own probe ({@link ZeroMqCurve}). */
    @Override
    public boolean speaksTls() {
        return false;
    }
}
