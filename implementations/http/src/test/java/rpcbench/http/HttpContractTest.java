package rpcbench.http;

import rpcbench.api.RpcSettings;
import rpcbench.contract.RpcContractTest;

/**
 * The shared contract suite for one of the two HTTP clients, chosen through
 * {@link HttpTransport#CLIENT} for the clients this class creates. The server process is the same
 * Jetty server whichever client is chosen.
 */
abstract class HttpContractTest extends RpcContractTest {

    /** {@code jdk} or {@code jetty}. */
    protected abstract String client();

    @Override
    public RpcSettings settings() {
        return RpcSettings.defaults().with(HttpTransport.CLIENT, client());
    }

    @Override
    public String transportName() {
        return "http";
    }
}
