package rpcbench.codec;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.msgpack.jackson.dataformat.MessagePackFactory;

import rpcbench.api.MessageCodec;

/**
 * JSON and MessagePack through Jackson databind: the records map by their component names, so both
 * formats carry the same field names (MessagePack is a binary JSON, not a schema format). One
 * mapper per format, shared: Jackson's mappers are thread-safe once configured.
 */
final class JacksonCodec implements OrderCodec {

    static final JacksonCodec JSON = new JacksonCodec(MessageCodec.JSON, new ObjectMapper());
    static final JacksonCodec MSGPACK = new JacksonCodec(MessageCodec.MSGPACK, new ObjectMapper(new MessagePackFactory()));

    private final MessageCodec kind;
    private final ObjectMapper mapper;

    private JacksonCodec(MessageCodec kind, ObjectMapper mapper) {
        // The caller owns the stream (a transport's socket or buffer): Jackson must not close it.
        this.mapper = mapper.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.kind = kind;
    }

    @Override
    public MessageCodec kind() {
        return kind;
    }

    @Override
    public void write(Object value, OutputStream out) throws IOException {
        mapper.writeValue(out, value);
    }

    @Override
    public <T> T read(byte[] bytes, int offset, int length, Class<T> type) throws IOException {
        return mapper.readValue(bytes, offset, length, type);
    }
}
