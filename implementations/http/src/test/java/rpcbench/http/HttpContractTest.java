package rpcbench.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import rpcbench.contract.RpcContractTest;

/**
 * The shared contract suite for one of the two HTTP clients, chosen through
 * {@link HttpTransport#CLIENT} for the clients this class creates. The server process is the same
 * Jetty server whichever client is chosen.
 */
abstract class HttpContractTest extends RpcContractTest {

    /** {@code jdk} or {@code jetty}. */
    protected abstract String client();

    @BeforeAll
    void chooseClient() {
        System.setProperty(HttpTransport.CLIENT, client());
    }

    @AfterAll
    void restoreClient() {
        System.clearProperty(HttpTransport.CLIENT);
    }

    @Override
    public String transportName() {
        return "http";
    }
}
