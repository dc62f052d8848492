package rpcbench.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;

import rpcbench.api.Endpoint;
import rpcbench.contract.RawConnection;
import rpcbench.contract.RpcContractTest;

class WebSocketContractTest extends RpcContractTest {

    @Override
    public String transportName() {
        return "websocket";
    }

    /** A masked binary frame announcing an echo of {@code declaredBytes}, then its id, op and 4 bytes. */
    @Override
    public RawConnection openLargeMessage(Endpoint server, int declaredBytes) throws IOException {
        RawWebSocket ws = RawWebSocket.connect(server);
        byte[] start = ByteBuffer.allocate(13).putLong(1).put(WebSocketProtocol.ECHO).array();
        ws.send(RawWebSocket.frame(true, RawWebSocket.BINARY, true, declaredBytes + 9L, start));
        return ws.connection;
    }
}
