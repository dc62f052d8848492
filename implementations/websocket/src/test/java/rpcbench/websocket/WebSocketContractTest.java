package rpcbench.websocket;

import rpcbench.contract.RpcContractTest;

class WebSocketContractTest extends RpcContractTest {

    @Override
    protected String transportName() {
        return "websocket";
    }
}
