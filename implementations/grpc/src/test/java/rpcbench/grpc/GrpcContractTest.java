package rpcbench.grpc;

import java.io.IOException;

import rpcbench.api.Endpoint;
import rpcbench.contract.RawConnection;
import rpcbench.contract.RpcContractTest;

class GrpcContractTest extends RpcContractTest {

    @Override
    public String transportName() {
        return "grpc";
    }

    /** An Echo call whose one DATA frame starts a gRPC message announcing {@code declaredBytes}. */
    @Override
    public RawConnection openLargeMessage(Endpoint server, int declaredBytes) throws IOException {
        RawConnection c = RawConnection.open(server);
        c.send(RawHttp2.preface().headers(1, "/rpcbench.RpcBench/Echo").message(1, declaredBytes, new byte[4]).bytes());
        return c;
    }
}
