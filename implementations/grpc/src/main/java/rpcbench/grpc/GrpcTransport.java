package rpcbench.grpc;

import java.io.IOException;
import java.util.List;

import rpcbench.api.CallPool;
import rpcbench.api.Endpoint;
import rpcbench.api.MessageCodec;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.Setting;
import rpcbench.api.Transport;

/**
 * gRPC-Java over its Netty HTTP/2 transport with protobuf messages compiled from
 * {@code proto/rpcbench.proto}; configured as grpc-java's own qps benchmarks are (see
 * {@link GrpcConfig}).
 */
public final class GrpcTransport implements Transport {

    @Override
    public String name() {
        return "grpc";
    }

    /** gRPC's own: protobuf, the messages of proto/rpcbench.proto. */
    static final List<MessageCodec> CODECS = List.of(MessageCodec.PROTOBUF);

    @Override
    public List<MessageCodec> codecs() {
        return CODECS;
    }

    @Override
    public RpcImplementation newClient(RpcSettings settings) {
        return new GrpcClient(settings);
    }

    @Override
    public RpcServer newServer(RpcSettings settings) {
        return new GrpcServer(GrpcConfig.of(settings), ServerMode.chosen(this, settings), ServerWork.of(settings));
    }

    @Override
    public boolean sharesPort() {
        return true; // SO_REUSEPORT on the server channel (GrpcConfig.reusePortOption)
    }

    /** N channels on one event loop, run by the load generator's thread ({@link GrpcCallPool}). */
    @Override
    public CallPool newCallPool(RpcSettings settings, Endpoint server, int connections) throws IOException {
        return GrpcCallPool.connect(settings, server, connections);
    }

    @Override
    public List<ServerMode> serverModes() {
        return GrpcServer.MODES;
    }

    @Override
    public List<Setting<?>> settings() {
        return GrpcConfig.SETTINGS;
    }

    /** Null: gRPC's ClientCall API keeps calls in flight on one channel natively ({@link GrpcAsyncCall}). */
    @Override
    public String whyNoAsyncCalls() {
        return null;
    }
}
