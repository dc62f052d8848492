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

    /**
     * The codec whose {@link #ordinal()} is {@code id}, as byte transports put it on the wire.
     *
     * @throws IllegalArgumentException for an id that names none
     */
    public static MessageCodec byId(int id) {
        MessageCodec[] all = values();
        if (id < 0 || id >= all.length) {
            throw new IllegalArgumentException("codec id " + id + " names no codec (0.." + (all.length - 1) + ")");
        }
        return all[id];
    }

    /**
     * Refuses {@code codec} on {@code transport} when it is not one of {@code valid}, in one line
     * naming the valid choices; what a transport with a single natural codec calls first.
     *
     * @throws IllegalArgumentException when the transport cannot carry it
     */
    public static void check(String transport, MessageCodec codec, List<MessageCodec> valid) {
        if (!valid.contains(codec)) {
            throw new IllegalArgumentException(transport + " cannot carry messages as " + codec.jmhName
                    + " (valid choices for " + transport + ": "
                    + String.join(", ", valid.stream().map(MessageCodec::jmhName).toList()) + ")");
        }
    }
}
