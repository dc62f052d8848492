package rpcbench.codec;

import java.io.IOException;
import java.util.List;

import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderSummary;

/**
 * The message call of the transports that carry bytes (tcp, zeromq, websocket), which all take
 * every codec: the client names the codec in its request ({@link MessageCodec#ordinal()}), the
 * server answers in the same one. The framing around these bytes is each transport's own.
 */
public final class Messages {

    /** What a byte transport carries: every codec, protobuf (compact, schema-checked) as its natural one. */
    public static final List<MessageCodec> EVERY_CODEC = List.of(MessageCodec.values());

    private Messages() {
    }

    /**
     * The server's side: decodes an order in {@code codec} from {@code bytes[offset .. offset+length)},
     * reads all of it ({@link OrderSummary#of}) and returns the summary encoded in the same codec.
     *
     * @throws IOException when the bytes are not an order in that codec (the request is refused)
     */
    public static byte[] answer(MessageCodec codec, byte[] bytes, int offset, int length) throws IOException {
        OrderCodec c = OrderCodec.of(codec);
        OrderSummary summary;
        try {
            summary = OrderSummary.of(c.read(bytes, offset, length, Order.class));
        } catch (RuntimeException e) { // a library's own complaint about bad input, for the refusal
            throw new IOException(codec.jmhName() + ": not an order: " + e.getMessage(), e);
        }
        return c.encode(summary);
    }
}
