package rpcbench.tcp;

import rpcbench.contract.RpcContractTest;

class TcpContractTest extends RpcContractTest {

    @Override
    public String transportName() {
        return "tcp";
    }
}
