package rpcbench.codec;

import java.io.IOException;
import java.io.OutputStream;

import com.google.protobuf.CodedInputStream;

import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderSummary;

/** Protocol Buffers: the messages of proto/rpcbench.proto, mapped to and from the records by {@link OrderProtos}. */
final class ProtobufCodec implements OrderCodec {

    static final ProtobufCodec INSTANCE = new ProtobufCodec();

    private ProtobufCodec() {
    }

    @Override
    public MessageCodec kind() {
        return MessageCodec.PROTOBUF;
    }

    @Override
    public void write(Object value, OutputStream out) throws IOException {
        if (value instanceof Order o) {
            OrderProtos.toProto(o).writeTo(out);
        } else if (value instanceof OrderSummary s) {
            OrderProtos.toProto(s).writeTo(out);
        } else {
            throw new IllegalArgumentException("protobuf: not a message type: " + value.getClass().getName());
        }
    }

    @Override
    public <T> T read(byte[] bytes, int offset, int length, Class<T> type) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes, offset, length);
        if (type == Order.class) {
            return type.cast(OrderProtos.fromProto(rpcbench.grpc.proto.Order.parseFrom(in)));
        }
        if (type == OrderSummary.class) {
            return type.cast(OrderProtos.fromProto(rpcbench.grpc.proto.OrderSummary.parseFrom(in)));
        }
        throw new IllegalArgumentException("protobuf: not a message type: " + type.getName());
    }
}
