package rpcbench.rmi;

import rpcbench.contract.RpcContractTest;

class RmiContractTest extends RpcContractTest {

    @Override
    protected String transportName() {
        return "rmi";
    }
}
