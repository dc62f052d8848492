package rpcbench.zeromq;

import java.io.IOException;

import rpcbench.api.Endpoint;
import rpcbench.contract.RawConnection;
import rpcbench.contract.RpcContractTest;

class ZeroMqContractTest extends RpcContractTest {

    @Override
    public String transportName() {
        return "zeromq";
    }

    /** An ECHO header frame, then a payload frame announcing {@code declaredBytes}, 4 of them sent. */
    @Override
    public RawConnection openLargeMessage(Endpoint server, int declaredBytes) throws IOException {
        RawConnection c = RawZmtp.connect(server);
        c.send(RawZmtp.frames().header(ZeroMqProtocol.ECHO, declaredBytes).largeFrame(declaredBytes, new byte[4]).bytes());
        return c;
    }
}
