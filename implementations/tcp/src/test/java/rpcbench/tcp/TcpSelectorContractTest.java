package rpcbench.tcp;

import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;

/**
 * The whole contract against the {@code selector} mode, a server of its own ({@link TcpSelectorServer})
 * rather than a knob of the default one.
 */
class TcpSelectorContractTest extends TcpContractTest {

    @Override
    public RpcSettings settings() {
        return RpcSettings.defaults().with(ServerMode.SETTING, TcpSelectorServer.SELECTOR.name());
    }

    /** The selector server has no SSLEngine: it refuses TLS in one line. */
    @Override
    public boolean servesTls() {
        return false;
    }
}
