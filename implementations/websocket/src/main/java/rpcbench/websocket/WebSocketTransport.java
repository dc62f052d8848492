package rpcbench.websocket;

import java.util.List;

import rpcbench.api.MessageCodec;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.Transport;
import rpcbench.codec.Messages;

/**
 * WebSocket (RFC 6455) through Java-WebSocket: binary frames that carry a request id, so that
 * replies are matched to calls however many are in flight on one connection.
 */
public final class WebSocketTransport implements Transport {

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public List<MessageCodec> codecs() {
        return Messages.EVERY_CODEC;
    }

    @Override
    public RpcImplementation newClient(RpcSettings settings) {
        return new WebSocketRpcClient(settings);
    }

    @Override
    public RpcServer newServer(RpcSettings settings) {
        return new JavaWebSocketServer(settings, ServerMode.chosen(this, settings));
    }

    @Override
    public List<ServerMode> serverModes() {
        return JavaWebSocketServer.MODES;
    }

    /** Null: request ids keep any number of calls in flight on one connection (AsyncCalls). */
    @Override
    public String whyNoAsyncCalls() {
        return null;
    }
}
