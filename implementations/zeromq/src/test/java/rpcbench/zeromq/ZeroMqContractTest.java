package rpcbench.zeromq;

import rpcbench.contract.RpcContractTest;

class ZeroMqContractTest extends RpcContractTest {

    @Override
    public String transportName() {
        return "zeromq";
    }
}
