package rpcbench.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;

import rpcbench.api.Endpoint;
import rpcbench.contract.RawConnection;
import rpcbench.contract.RpcContractTest;

class TcpContractTest extends RpcContractTest {

    @Override
    public String transportName() {
        return "tcp";
    }

    /** An ECHO message's length prefix and kind, then 4 bytes of its payload. */
    @Override
    public RawConnection openLargeMessage(Endpoint server, int declaredBytes) throws IOException {
        RawConnection c = RawConnection.open(server);
        c.send(ByteBuffer.allocate(9).putInt(declaredBytes + 1).put(TcpProtocol.ECHO).array());
        return c;
    }
}
