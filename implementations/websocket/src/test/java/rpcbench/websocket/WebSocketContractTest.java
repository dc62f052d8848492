package rpcbench.websocket;

import rpcbench.contract.RpcContractTest;

class WebSocketContractTest extends RpcContractTest {

    @Override
    public String transportName() {
        return "websocket";
    }
}
