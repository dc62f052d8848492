package rpcbench.codec;

import java.util.ArrayList;
import java.util.List;

import rpcbench.api.Order;
import rpcbench.api.OrderSummary;
import rpcbench.grpc.proto.LineItem;

/**
 * The records as protobuf messages and back, field by field: protobuf-java generates its own
 * classes, so the contract's records and the .proto's messages meet here, once, for the protobuf
 * codec and the grpc transport alike.
 */
public final class OrderProtos {

    private OrderProtos() {
    }

    public static rpcbench.grpc.proto.Order toProto(Order order) {
        rpcbench.grpc.proto.Order.Builder b = rpcbench.grpc.proto.Order.newBuilder()
                .setOrderId(order.orderId()).setCustomerId(order.customerId()).setCurrency(order.currency())
                .setCreatedAtMicros(order.createdAtMicros()).putAllAttributes(order.attributes());
        for (Order.LineItem item : order.items()) {
            b.addItems(LineItem.newBuilder().setSku(item.sku()).setName(item.name()).setQuantity(item.quantity())
                    .setUnitPriceCents(item.unitPriceCents()).setWeightKg(item.weightKg()).addAllTags(item.tags()));
        }
        return b.build();
    }

    public static Order fromProto(rpcbench.grpc.proto.Order proto) {
        List<Order.LineItem> items = new ArrayList<>(proto.getItemsCount());
        for (LineItem item : proto.getItemsList()) {
            items.add(new Order.LineItem(item.getSku(), item.getName(), item.getQuantity(), item.getUnitPriceCents(),
                    item.getWeightKg(), item.getTagsList()));
        }
        return new Order(proto.getOrderId(), proto.getCustomerId(), proto.getCurrency(), proto.getCreatedAtMicros(),
                proto.getAttributesMap(), items);
    }

    public static rpcbench.grpc.proto.OrderSummary toProto(OrderSummary summary) {
        return rpcbench.grpc.proto.OrderSummary.newBuilder().setOrderId(summary.orderId())
                .setItemCount(summary.itemCount()).setTotalQuantity(summary.totalQuantity())
                .setTotalCents(summary.totalCents()).setAttributes(summary.attributes())
                .setChecksum(summary.checksum()).build();
    }

    public static OrderSummary fromProto(rpcbench.grpc.proto.OrderSummary proto) {
        return new OrderSummary(proto.getOrderId(), proto.getItemCount(), proto.getTotalQuantity(),
                proto.getTotalCents(), proto.getAttributes(), proto.getChecksum());
    }
}
