package rpcbench.grpc;

import rpcbench.contract.RpcContractTest;

class GrpcContractTest extends RpcContractTest {

    @Override
    public String transportName() {
        return "grpc";
    }
}
