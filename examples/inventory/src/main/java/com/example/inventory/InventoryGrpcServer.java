package com.example.inventory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.example.inventory.proto.InventoryGrpc;
import com.example.inventory.proto.Item;
import com.example.inventory.proto.LookupRequest;
import com.example.inventory.proto.QuoteReply;
import com.example.inventory.proto.QuoteRequest;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import rpcbench.api.AppServer;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;

/**
 * The inventory over gRPC (src/main/proto/inventory.proto). Set up as rpc-bench's own gRPC server is
 * (Netty, directExecutor: the handlers never block), so that what it costs beyond rpc-bench's bare
 * simple call is the service's own messages and logic. rpc-bench's harness runs it in its own process
 * as {@code inventory-grpc} ({@link App}).
 */
public final class InventoryGrpcServer extends InventoryGrpc.InventoryImplBase implements RpcServer {

    /** Registered in META-INF/services/rpcbench.api.AppServer. */
    public static final class App extends AppServer.Registration {
        public App() {
            super("inventory", "grpc", InventoryGrpcServer::new);
        }
    }

    private final Inventory inventory = new Inventory();
    private final RpcSettings settings;
    private Server server;

    InventoryGrpcServer(RpcSettings settings) {
        this.settings = settings;
    }

    @Override
    public void lookup(LookupRequest request, StreamObserver<Item> reply) {
        answer(reply, () -> {
            Inventory.Item item = inventory.lookup(request.getSku());
            return Item.newBuilder().setSku(item.sku()).setName(item.name())
                    .setUnitPriceCents(item.unitPriceCents()).setStock(item.stock()).build();
        });
    }

    @Override
    public void quote(QuoteRequest request, StreamObserver<QuoteReply> reply) {
        answer(reply, () -> {
            Inventory.Quote quote = inventory.quote(request.getSku(), request.getQuantity());
            return QuoteReply.newBuilder().setSku(quote.sku()).setQuantity(quote.quantity())
                    .setDiscountPercent(quote.discountPercent()).setTotalCents(quote.totalCents()).build();
        });
    }

    /** The answer, or the domain's refusal as gRPC's status with the domain's message. */
    private static <T> void answer(StreamObserver<T> reply, Supplier<T> call) {
        try {
            reply.onNext(call.get());
            reply.onCompleted();
        } catch (IllegalArgumentException e) {
            reply.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (NoSuchElementException e) {
            reply.onError(Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public int start(InetAddress address, int port) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(address, port))
                .directExecutor()
                .maxInboundMessageSize(settings.maxMessageBytes())
                .maxConnectionIdle(settings.idleTimeoutMillis(), TimeUnit.MILLISECONDS)
                .addService(this)
                .build()
                .start();
        return server.getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
