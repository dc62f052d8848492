package rpcbench.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import rpcbench.api.CallersOwn;
import rpcbench.api.TransferReceipt;

/**
 * The REST resources that server and clients share, and their JSON (Jackson) encoding:
 * <ul>
 *   <li>{@code POST /simple-call} with {@code {"value":41}} answers {@code {"value":42}}. POST, not
 *       {@code GET ?value=41}: the call carries a JSON argument and gets a JSON result, as every other
 *       transport here serializes both ways, and a REST practitioner models a computation that takes a
 *       body as a POST (a GET has no body and would leave Jackson one direction only).</li>
 *   <li>{@code POST /echo}, {@code application/octet-stream} both ways, with a Content-Length.</li>
 *   <li>{@code POST /message} with an order as JSON answers its summary as JSON (the json codec's
 *       Jackson mapping of the records, rpcbench-codec).</li>
 *   <li>{@code GET /stream?count=N}: a chunked {@code application/x-ndjson} response, one JSON number
 *       per line, read by Jackson's streaming parser as a sequence of root values, so each value
 *       reaches the sink as soon as its line has arrived.</li>
 *   <li>{@code POST /upload}, an octet-stream body with a Content-Length, answers {@code {"bytes":N}};
 *       {@code GET /download?size=N} answers N octets with a Content-Length.</li>
 *   <li>{@code POST /upload-stream?chunk=C}, a chunked octet-stream body (one HTTP chunk per piece of
 *       the file), answers the receipt {@code {"bytes":..,"chunks":..,"crc32":..}};
 *       {@code GET /download-stream?total=N&chunk=C} answers a chunked octet-stream body written one
 *       HTTP chunk of C bytes at a time ({@link TransferResources}).</li>
 * </ul>
 * A short or broken stream is told apart from a complete one by HTTP/1.1 chunked framing: only a
 * stream that ends with the terminating chunk reads to its end without an I/O error.
 */
final class RestProtocol {

    static final String SIMPLE_CALL = "/simple-call";
    static final String ECHO = "/echo";
    static final String MESSAGE = "/message";
    static final String STREAM = "/stream";
    static final String COUNT = "count";
    static final String UPLOAD = "/upload";
    static final String DOWNLOAD = "/download";
    static final String SIZE = "size";
    static final String UPLOAD_STREAM = "/upload-stream";
    static final String DOWNLOAD_STREAM = "/download-stream";
    static final String TOTAL = "total";
    static final String CHUNK = "chunk";

    static final String JSON = "application/json";
    static final String OCTETS = "application/octet-stream";
    static final String NDJSON = "application/x-ndjson";

    /** Largest simpleCall body accepted: {"value":-2147483648} is 22 bytes; the rest is headroom. */
    static final int SMALL_BODY_LIMIT = 4096;

    /** The body of simpleCall, both ways. */
    record Value(int value) {
    }

    /** The answer to an upload: how many bytes the server read. */
    record Bytes(long bytes) {
    }

    // Reader and writer are immutable and thread-safe; building them once keeps Jackson's lookups off
    // the call path. A body without "value" or with any other field is malformed, not 0.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final ObjectReader VALUE_READER = MAPPER.readerFor(Value.class);
    private static final ObjectWriter VALUE_WRITER = MAPPER.writerFor(Value.class);
    private static final ObjectReader BYTES_READER = MAPPER.readerFor(Bytes.class);
    private static final ObjectWriter BYTES_WRITER = MAPPER.writerFor(Bytes.class);
    private static final ObjectReader RECEIPT_READER = MAPPER.readerFor(TransferReceipt.class);
    private static final ObjectWriter RECEIPT_WRITER = MAPPER.writerFor(TransferReceipt.class);

    private RestProtocol() {
    }

    static byte[] encodeValue(int value) throws IOException {
        return VALUE_WRITER.writeValueAsBytes(new Value(value));
    }

    static int decodeValue(byte[] json) throws IOException {
        return VALUE_READER.<Value>readValue(json).value();
    }

    static byte[] encodeBytes(long bytes) throws IOException {
        return BYTES_WRITER.writeValueAsBytes(new Bytes(bytes));
    }

    static long decodeBytes(byte[] json) throws IOException {
        return BYTES_READER.<Bytes>readValue(json).bytes();
    }

    static byte[] encodeReceipt(TransferReceipt receipt) throws IOException {
        return RECEIPT_WRITER.writeValueAsBytes(receipt);
    }

    static TransferReceipt decodeReceipt(byte[] json) throws IOException {
        return RECEIPT_READER.readValue(json);
    }

    /**
     * Writes {@code 0 .. count-1} as NDJSON. Jackson's generator fills its own buffer (about 8 KB) and
     * hands it to {@code out}, whose writes block while the client does not read: backpressure.
     */
    static void writeValues(OutputStream out, int count) throws IOException {
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            generator.setRootValueSeparator(null);
            for (int v = 0; v < count; v++) {
                generator.writeNumber(v);
                generator.writeRaw('\n');
            }
        }
    }

    /**
     * Reads NDJSON numbers from {@code in} until its end, handing each one to {@code sink} as soon as
     * it is parsed; returns how many there were. The parser only reads more when its buffer is
     * empty, so no value waits for the rest of the stream. A sink's own exception comes out wrapped
     * in {@link SinkFailed}, so callers can tell it from a failure of the transport.
     */
    static long readValues(InputStream in, IntConsumer sink) throws IOException {
        long arrived = 0;
        try (JsonParser parser = MAPPER.getFactory().createParser(in)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.VALUE_NUMBER_INT) {
                    throw new IOException("malformed NDJSON stream: " + token + " after " + arrived + " values");
                }
                int value = parser.getIntValue();
                arrived++;
                try {
                    sink.accept(value);
                } catch (RuntimeException e) {
                    throw new SinkFailed(e);
                }
            }
        }
        return arrived;
    }

    /**
     * Reads a download stream of {@code total} bytes from {@code in} and writes it to {@code sink} one
     * chunk of {@code chunkSize} bytes at a time, each as soon as its last byte has arrived. HTTP
     * libraries hand over bytes as they come off the socket, not HTTP chunks, so the chunks are
     * re-formed here by size. The body must end exactly after {@code total} bytes.
     */
    static long readChunks(InputStream in, long total, int chunkSize, OutputStream sink) throws IOException, CallersOwn {
        byte[] chunk = new byte[(int) Math.min(chunkSize, Math.max(total, 1))];
        long arrived = 0;
        while (arrived < total) {
            int want = (int) Math.min(chunk.length, total - arrived);
            int n = in.readNBytes(chunk, 0, want);
            if (n < want) {
                throw new IOException("download stream ended after " + (arrived + n) + " of " + total + " bytes");
            }
            arrived += n;
            CallersOwn.write(sink, chunk, n);
        }
        if (in.read() != -1) {
            throw new IOException("download stream longer than " + total + " bytes");
        }
        return arrived;
    }

    /** Carries an exception thrown by the caller's sink out through the reading code. */
    static final class SinkFailed extends RuntimeException {
        SinkFailed(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        RuntimeException sinkException() {
            return (RuntimeException) getCause();
        }
    }
}
