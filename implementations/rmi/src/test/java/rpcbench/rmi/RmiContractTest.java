package rpcbench.rmi;

import rpcbench.contract.RpcContractTest;

class RmiContractTest extends RpcContractTest {

    @Override
    public String transportName() {
        return "rmi";
    }
}
