package rpcbench.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

import rpcbench.api.MessageCodec;

/**
 * Java serialization: ObjectOutputStream writes the records, ObjectInputStream reads them back
 * through {@link OrderFilter}, so bytes from the network can build nothing but the message types.
 * A stream per message (its class descriptors included), as RMI writes one per call.
 */
final class JavaCodec implements OrderCodec {

    static final JavaCodec INSTANCE = new JavaCodec();

    /** The stream is already bounded by the transport's largest message; this bounds references too. */
    private static final ObjectInputFilter FILTER = OrderFilter.create(Integer.MAX_VALUE);

    private JavaCodec() {
    }

    @Override
    public MessageCodec kind() {
        return MessageCodec.JAVA;
    }

    @Override
    public void write(Object value, OutputStream out) throws IOException {
        ObjectOutputStream stream = new ObjectOutputStream(out);
        stream.writeObject(value);
        stream.flush(); // not closed: the caller owns out
    }

    @Override
    public <T> T read(byte[] bytes, int offset, int length, Class<T> type) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            in.setObjectInputFilter(FILTER);
            Object value = in.readObject();
            if (!type.isInstance(value)) {
                throw new IOException("java: read a " + value.getClass().getName() + ", not a " + type.getName());
            }
            return type.cast(value);
        } catch (ClassNotFoundException e) {
            throw new IOException("java: unknown class " + e.getMessage(), e);
        }
    }
}
