package rpcbench.zeromq;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.zeromq.ZMQ;


/**
 * The wire format on top of ZeroMQ's own length-delimited frames, and the socket options both ends
 * share.
 *
 * <p>Every message starts with a 5-byte header frame: a kind byte and a big-endian int argument.
 * ECHO and ERROR add a second frame with the bytes, so a payload travels in its own frame and is
 * never copied to prepend a header (JeroMQ wraps and hands over byte arrays without copying). A
 * stream is one VALUE message per value, then END carrying the count, so the client can tell a
 * short stream from a slow one and check that no value went missing.
 *
 * <p>A chunked transfer is one CHUNK message per chunk (header with the chunk's length, then the
 * chunk in its own frame). ZeroMQ's high-water marks count messages, not bytes (1000 chunks of
 * 16 MiB would be 16 GB), so the receiver also paces the sender with CREDIT messages, the
 * credit-based flow control of the ZeroMQ Guide's file-transfer chapter: the sender starts with
 * {@link #chunkWindow(int)} chunks, about {@link #TRANSFER_WINDOW_BYTES}, and the receiver grants
 * more as it consumes them. Async calls carry an 8-byte call id in a second frame, echoed in the reply.
 *
 * <p>Two one-byte frames never come from a peer: JeroMQ inserts them itself (ZMQ_HICCUP_MSG on
 * the DEALER, ZMQ_DISCONNECT_MSG on the ROUTER) when a connection drops, which wakes a waiting
 * receive at once instead of at the end of the call timeout.
 */
final class ZeroMqProtocol {

    static final byte SIMPLE = 1;   // request: int; reply: int + 1
    static final byte STREAM = 2;   // request: int count
    static final byte VALUE = 3;    // reply to STREAM: int, once per value
    static final byte END = 4;      // reply to STREAM after the last VALUE: int count
    static final byte ECHO = 5;     // request and reply: int length, then a frame with the bytes
    static final byte ERROR = 6;    // reply: int 0, then a frame with a UTF-8 message
    static final byte CANCEL = 7;   // request without reply: stop this client's stream, download or upload
    static final byte UPLOAD = 8;   // request: int length, then the bytes; reply: int length received
    static final byte DOWNLOAD = 9; // request: int size; reply: int size, then that many bytes of TransferPattern
    static final byte UPLOAD_CHUNKS = 10;   // request without reply: int chunk size; opens a chunked upload
    static final byte CHUNK = 11;           // either way: int length, then the chunk
    static final byte UPLOADED = 12;        // request after the last CHUNK; reply: a frame of long bytes, chunks, crc32
    static final byte DOWNLOAD_CHUNKS = 13; // request: int chunk size, a frame of long total; reply: CHUNK..., DOWNLOADED
    static final byte DOWNLOADED = 14;      // after the last CHUNK of a download: a frame of long bytes sent
    static final byte CREDIT = 15;          // receiver to sender of a chunked transfer: int more chunks
    static final byte ASYNC_SIMPLE = 16;    // request: int, then an 8-byte call id; reply: int + 1, the same id
    static final byte MESSAGE = 17;         // request: int codec id, a frame with an Order in it; reply: int length, the OrderSummary
    static final byte STREAM_PACED = 18;    // request: int count; as STREAM, each VALUE against a CREDIT (window VALUE_WINDOW)

    /**
     * VALUEs a paced stream ({@link #STREAM_PACED}, the one a CURVE client asks for) may have in flight
     * beyond what the client granted: {@link #chunkWindow(int)}'s most, far below {@link #HWM}, so that
     * the client's receive pipe never fills.
     */
    static final int VALUE_WINDOW = 500;

    static final int HEADER_BYTES = 5;

    /**
     * Set in a request's kind when its header frame carries a bearer token ({@link rpcbench.api.CallAuth})
     * after the 5 bytes: the frame is then longer than {@link #HEADER_BYTES}. A request without it
     * is the message of a run without authentication, byte for byte.
     */
    static final int TOKEN_FLAG = 0x80;

    /**
     * Bytes a chunked transfer may have in flight beyond what the receiver consumed: 1 MiB, the
     * HTTP/2 flow-control window the grpc transport runs with, so that both pace large transfers alike.
     */
    static final int TRANSFER_WINDOW_BYTES = 1 << 20;

    /** What the client's DEALER receives when its connection to the server drops. */
    static final byte[] HICCUP = {(byte) 0x7F};

    /** What the server's ROUTER receives, after the client's identity, when a client drops. */
    static final byte[] DISCONNECTED = {(byte) 0x7E};

    private ZeroMqProtocol() {
    }

    /**
     * Chunks in flight: a window's worth, at least 2 (one on the wire while one is consumed), at
     * most 500, far below {@link #HWM}, so credits and not the high-water mark pace tiny chunks.
     */
    static int chunkWindow(int chunkSize) {
        return (int) Math.max(2, Math.min(500, TRANSFER_WINDOW_BYTES / Math.max(chunkSize, 1)));
    }

    /** Chunks after which a receiver grants more credit: a quarter of the window, at least one. */
    static int grantBatch(int window) {
        return Math.max(1, window / 4);
    }

    /** Longs as one frame, big-endian (totals, receipts, call ids). */
    static byte[] longs(long... values) {
        ByteBuffer frame = ByteBuffer.allocate(8 * values.length);
        for (long v : values) {
            frame.putLong(v);
        }
        return frame.array();
    }

    static byte[] header(byte kind, int argument) {
        return new byte[] {kind, (byte) (argument >>> 24), (byte) (argument >>> 16),
                (byte) (argument >>> 8), (byte) argument};
    }

    /** {@code header} with {@code token} after it and {@link #TOKEN_FLAG} in its kind; unchanged when token is null. */
    static byte[] withToken(byte[] header, byte[] token) {
        if (token == null) {
            return header;
        }
        byte[] frame = java.util.Arrays.copyOf(header, HEADER_BYTES + token.length);
        frame[0] |= (byte) TOKEN_FLAG;
        System.arraycopy(token, 0, frame, HEADER_BYTES, token.length);
        return frame;
    }

    /** Whether {@code frame} is a header frame with a token ({@link #withToken}). */
    static boolean hasToken(byte[] frame) {
        return frame != null && frame.length > HEADER_BYTES && (frame[0] & TOKEN_FLAG) != 0;
    }

    static boolean isHeader(byte[] frame) {
        return frame != null && frame.length == HEADER_BYTES;
    }

    static byte kind(byte[] header) {
        return header[0];
    }

    static int argument(byte[] header) {
        return (header[1] & 0xFF) << 24 | (header[2] & 0xFF) << 16 | (header[3] & 0xFF) << 8 | header[4] & 0xFF;
    }

    static boolean isMarker(byte[] frame, byte[] marker) {
        return frame != null && frame.length == 1 && frame[0] == marker[0];
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The high-water marks of every socket, in messages, both ways (JeroMQ's default is 1000):
     * above every bound rpc-bench puts on what a peer may have unsent or unread
     * ({@link rpcbench.api.AsyncCalls#MOST_IN_FLIGHT} calls in flight, 1024 load calls per
     * connection, windows of 500 chunks or values). At 1000, a client with 4096 calls in flight was
     * refused at its send mark while its I/O thread caught up, plaintext or CURVE. Over CURVE a
     * receive pipe must never fill at all: when it does, JeroMQ 0.6.0 (and its master, December
     * 2026) hands the application the next message undecoded. Its StreamEngine.decodeAndPush
     * decrypts into a new Msg, and when the session refuses that one (EAGAIN, the pipe at its
     * mark) it retries later with pushOneThenDecodeAndPush on the decoder's message, the still
     * encrypted CURVE MESSAGE command; libzmq decrypts in place, so its retry pushes the
     * plaintext. rpc-bench saw it as a 38-byte frame (7 + "MESSAGE", an 8-byte nonce, a 17-byte box
     * around a 5-byte header) in a stream of 1000 values; jeromq issue #1009 is likely the same.
     * So value streams over CURVE are paced by credits ({@link #STREAM_PACED}) too.
     */
    static final int HWM = 10_000;

    /**
     * Options of every socket: linger 0 so that closing never waits for a peer that is gone, and
     * ZMQ_MAXMSGSIZE so that JeroMQ's decoder drops the connection of a peer that announces a
     * larger frame before allocating it. The limit applies per frame; the header travels in its
     * own 5-byte frame, so the payload frame may carry exactly the configured maximum.
     *
     * <p>TCP keepalive (OS timings, as the raw-TCP floor) finds peers whose host vanished.
     * ZMTP heartbeats are left off on purpose: a PING or PONG queues behind the stream values
     * already in the socket buffers (about a million 5-byte values on loopback), so a slow but
     * healthy consumer would miss the heartbeat timeout and lose its connection.
     */
    static void configure(ZMQ.Socket socket, boolean ipv6, int maxMessageBytes) {
        socket.setLinger(0);
        socket.setSndHWM(HWM);
        socket.setRcvHWM(HWM);
        socket.setTCPKeepAlive(1);
        socket.setMaxMsgSize(maxMessageBytes);
        socket.setIPv6(ipv6);
    }

    /** {@code tcp://host:port}, with brackets around an IPv6 address; port may be {@code *}. */
    static String endpoint(InetAddress address, String port) {
        String host = address.getHostAddress();
        return "tcp://" + (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    /** The port of an endpoint such as {@code tcp://127.0.0.1:40123} (what ZMQ_LAST_ENDPOINT gives). */
    static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }
}
