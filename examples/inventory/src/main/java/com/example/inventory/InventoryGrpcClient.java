package com.example.inventory;

import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.example.inventory.proto.InventoryGrpc;
import com.example.inventory.proto.Item;
import com.example.inventory.proto.LookupRequest;
import com.example.inventory.proto.QuoteReply;
import com.example.inventory.proto.QuoteRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import rpcbench.api.Endpoint;

/** The inventory's gRPC client: a blocking stub on a plaintext Netty channel, every call with a deadline. */
final class InventoryGrpcClient implements InventoryClient {

    private final ManagedChannel channel;
    private final InventoryGrpc.InventoryBlockingStub stub;
    private final long timeoutMillis;

    InventoryGrpcClient(Endpoint server, long timeoutMillis) {
        this.channel = NettyChannelBuilder.forAddress(server.host(), server.port()).usePlaintext().directExecutor().build();
        this.stub = InventoryGrpc.newBlockingStub(channel);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Inventory.Item lookup(String sku) {
        Item item = call(() -> deadline().lookup(LookupRequest.newBuilder().setSku(sku).build()));
        return new Inventory.Item(item.getSku(), item.getName(), item.getUnitPriceCents(), item.getStock());
    }

    @Override
    public Inventory.Quote quote(String sku, int quantity) {
        QuoteReply q = call(() -> deadline().quote(QuoteRequest.newBuilder().setSku(sku).setQuantity(quantity).build()));
        return new Inventory.Quote(q.getSku(), q.getQuantity(), q.getDiscountPercent(), q.getTotalCents());
    }

    private InventoryGrpc.InventoryBlockingStub deadline() {
        return stub.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The server's refusals as the domain's exceptions. */
    private static <T> T call(Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            Status s = e.getStatus();
            switch (s.getCode()) {
                case INVALID_ARGUMENT -> throw new IllegalArgumentException(s.getDescription(), e);
                case NOT_FOUND -> throw new NoSuchElementException(s.getDescription());
                default -> throw new IllegalStateException("inventory-grpc: " + s, e);
            }
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
