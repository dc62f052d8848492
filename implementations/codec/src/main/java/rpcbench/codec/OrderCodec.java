package rpcbench.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderSummary;

/**
 * One library's encoding of the message types ({@link Order}, {@link OrderSummary}). Instances are
 * thread-safe and shared ({@link #of}); each delegates to its library and writes no format itself.
 */
public interface OrderCodec {

    /** Which codec this is. */
    MessageCodec kind();

    /** Writes {@code value}, an Order or an OrderSummary, to {@code out}. */
    void write(Object value, OutputStream out) throws IOException;

    /**
     * Reads a {@code type} from {@code bytes[offset .. offset+length)}.
     *
     * @throws IOException when the bytes are not one such value in this codec
     */
    <T> T read(byte[] bytes, int offset, int length, Class<T> type) throws IOException;

    /** {@link #write} into a new array. */
    default byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            write(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(kind().jmhName() + ": cannot encode a " + value.getClass().getSimpleName(), e);
        }
        return out.toByteArray();
    }

    /**
     * {@link #read} of a whole array.
     *
     * @throws IllegalArgumentException when the bytes are not one {@code type} in this codec
     */
    default <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return read(bytes, 0, bytes.length, type);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(kind().jmhName() + ": " + bytes.length + " bytes are not a "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The shared instance of {@code codec}. */
    static OrderCodec of(MessageCodec codec) {
        return switch (codec) {
            case PROTOBUF -> ProtobufCodec.INSTANCE;
            case JSON -> JacksonCodec.JSON;
            case MSGPACK -> JacksonCodec.MSGPACK;
            case JAVA -> JavaCodec.INSTANCE;
        };
    }
}
