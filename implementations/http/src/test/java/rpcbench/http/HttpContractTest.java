package rpcbench.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;
import rpcbench.contract.RawConnection;
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

    /** A POST to /echo declaring {@code declaredBytes}, then 4 bytes of the body. */
    @Override
    public RawConnection openLargeMessage(Endpoint server, int declaredBytes) throws IOException {
        RawConnection c = RawConnection.open(server);
        c.send(("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + declaredBytes + "\r\n\r\nabcd").getBytes(StandardCharsets.US_ASCII));
        return c;
    }
}
