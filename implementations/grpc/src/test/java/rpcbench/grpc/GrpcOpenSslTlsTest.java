package rpcbench.grpc;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transport;
import rpcbench.api.Transports;
import rpcbench.contract.TlsContract;
import rpcbench.server.ServerProcess;

/** The TLS contract with gRPC's second provider, OpenSSL (BoringSSL through netty-tcnative), on both sides. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrpcOpenSslTlsTest implements TlsContract {

    private ServerProcess plaintext;

    @BeforeAll
    void startPlaintextServer() throws IOException {
        plaintext = ServerProcess.start(transportName(), settings());
    }

    @AfterAll
    void stopPlaintextServer() {
        if (plaintext != null) {
            plaintext.close();
        }
    }

    @Override
    public String transportName() {
        return "grpc";
    }

    @Override
    public RpcSettings settings() {
        return RpcSettings.defaults().with(GrpcTls.PROVIDER, "openssl");
    }

    @Override
    public Transport transport() {
        return Transports.byName(transportName());
    }

    @Override
    public Endpoint serverEndpoint() {
        return plaintext.endpoint();
    }
}
