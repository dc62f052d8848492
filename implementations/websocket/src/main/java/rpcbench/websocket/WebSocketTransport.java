package rpcbench.websocket;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.Transport;

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
    public RpcImplementation newClient() {
        return new WebSocketRpcClient();
    }

    @Override
    public RpcServer newServer() {
        return new JavaWebSocketServer();
    }

    /** Null: request ids keep any number of calls in flight on one connection (AsyncCalls). */
    @Override
    public String whyNoAsyncCalls() {
        return null;
    }
}
