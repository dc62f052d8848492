package rpcbench.grpc;

import rpcbench.contract.RpcContractTest;

class GrpcContractTest extends RpcContractTest {

    @Override
    protected String transportName() {
        return "grpc";
    }
}
