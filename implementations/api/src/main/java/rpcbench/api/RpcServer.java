package rpcbench.api;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The server side of one transport: answers every operation of {@link RpcImplementation} for any
 * number of concurrent client connections. The harness (rpcbench.server.ServerMain) runs exactly one in
 * its own process.
 */
public interface RpcServer extends AutoCloseable {

    /**
     * Starts serving on {@code address} and returns the port clients connect to.
     *
     * @param port the port to bind, or 0 for a free one chosen by the operating system
     * @throws IOException when the port cannot be bound (for example because it is in use)
     */
    int start(InetAddress address, int port) throws IOException;

    /**
     * What a client must trust to talk to this started server, printed by the harness in a
     * {@code TRUST} line: its TLS certificate or CURVE public key ({@link rpcbench.api.tls.Tls#TRUST});
     * null for a plaintext server.
     */
    default String clientTrust() {
        return null;
    }

    /** Stops serving, closes every connection and releases every thread. Idempotent. */
    @Override
    void close();
}
