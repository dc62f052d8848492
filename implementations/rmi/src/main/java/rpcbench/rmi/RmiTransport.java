package rpcbench.rmi;

import java.util.List;

import rpcbench.api.Endpoint;
import rpcbench.api.MessageCodec;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.Setting;
import rpcbench.api.Transport;

/**
 * Object-RPC with Java RMI (JRMP over TCP, Java serialization): the JDK's own remote objects,
 * the Java counterpart of RPyC. No library beyond the JDK.
 */
public final class RmiTransport implements Transport {

    /** RMI's own: Java serialization, the only one JRMP carries. */
    static final List<MessageCodec> CODECS = List.of(MessageCodec.JAVA);

    @Override
    public String name() {
        return "rmi";
    }

    @Override
    public List<MessageCodec> codecs() {
        return CODECS;
    }

    /**
     * A client; given an endpoint that is a relay in front of a server ({@link Endpoint#fronting()}),
     * it sends the connections its stubs open to that server through the relay too (a stub carries
     * the server's own address), see {@link RmiClientSockets}.
     */
    @Override
    public RpcImplementation newClient(RpcSettings settings) {
        return new RmiClient(settings);
    }

    @Override
    public RpcServer newServer(RpcSettings settings) {
        ServerMode.chosen(this, settings); // refuses every mode but RMI's own, in one line
        return new RmiServer(settings);
    }

    /** One: RMI's runtime owns its threads (an accept thread and one per connection); nothing chooses another. */
    @Override
    public List<ServerMode> serverModes() {
        return List.of(ServerMode.of("rmi", "RMI's own model: an accept thread and one thread per connection"
                + " (sun.rmi.transport.tcp); RMI has no other"));
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(RmiClient.STREAM_BATCH);
    }

    @Override
    public String whyNoAsyncCalls() {
        return "Java RMI calls are synchronous: a stub call blocks its thread until the reply, and JRMP"
                + " carries one call at a time per connection (concurrent calls take further pooled"
                + " connections), so RMI has no API to keep calls in flight on one connection";
    }
}
