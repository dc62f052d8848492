package rpcbench.zeromq;

import rpcbench.contract.RpcContractTest;

class ZeroMqContractTest extends RpcContractTest {

    @Override
    protected String transportName() {
        return "zeromq";
    }
}
