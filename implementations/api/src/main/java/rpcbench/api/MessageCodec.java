package rpcbench.api;

import java.util.List;

/**
 * The ways an {@link Order} and its {@link OrderSummary} may be put into bytes: each a library's own
 * format (the implementations are in rpcbench-codec). A transport lists those it can carry in
 * {@link Transport#codecs()}; the first is its natural one.
 */
public enum MessageCodec {
    /** Protocol Buffers (protobuf-java), the messages of proto/rpcbench.proto. */
    PROTOBUF("protobuf"),
    /** JSON (Jackson databind). */
    JSON("json"),
    /** MessagePack (msgpack-java's Jackson data format). */
    MSGPACK("msgpack"),
    /** Java serialization (ObjectOutputStream), read back through a JEP 290 filter. */
    JAVA("java");

    private final String jmhName;

    MessageCodec(String jmhName) {
        this.jmhName = jmhName;
    }

    /** The name on command lines and in results: {@code protobuf}, {@code json}, {@code msgpack}, {@code java}. */
    public String jmhName() {
        return jmhName;
    }

    /** Every codec's name, in declaration order. */
    public static List<String> names() {
        return Named.names(values(), MessageCodec::jmhName);
    }

    /**
     * The codec called {@code name}.
     *
     * @throws IllegalArgumentException naming the valid choices when there is none
     */
    public static MessageCodec byName(String name) {
        return Named.byName(values(), MessageCodec::jmhName, "codec", name);
    }
}
