package rpcbench.tcp;

import rpcbench.contract.RpcContractTest;

class TcpContractTest extends RpcContractTest {

    @Override
    protected String transportName() {
        return "tcp";
    }
}
