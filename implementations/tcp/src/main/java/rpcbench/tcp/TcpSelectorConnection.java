package rpcbench.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import java.util.zip.CRC32;

import rpcbench.api.CallAuth;
import rpcbench.api.MessageCodec;
import rpcbench.api.ServerLimits;
import rpcbench.api.ServerWork;
import rpcbench.api.TransferPattern;
import rpcbench.codec.Messages;

/**
 * One connection of {@link TcpSelectorServer}: bytes are read as they come until a whole message
 * is there, then answered; answers wait in a queue of buffers written as the socket takes them. A
 * connection answers one request at a time and reads no further while its answer is unsent, so a
 * client that stops reading holds only its own answer. Streams and chunked downloads are produced
 * a buffer at a time as the socket drains ({@link #producer}), TCP's window being the
 * backpressure as in the blocking server.
 */
final class TcpSelectorConnection {

    private static final int HEADER = 5;

    private final SocketChannel channel;
    private final int maxMessageBytes;
    private final ServerLimits limits;
    private final ServerWork work;
    private final CallAuth auth;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private ByteBuffer in = ByteBuffer.allocate(TcpProtocol.BUFFER_BYTES);
    private long inTaken; // budget held by a large message's buffer
    /** Makes the next buffer of a stream or download, null when it is done; null: none running. */
    private Supplier<ByteBuffer> producer;
    private boolean closeAfterWrite;
    private long uploadedBytes;
    private long uploadedChunks;
    private long lastProgress = System.nanoTime();

    TcpSelectorConnection(SocketChannel channel, int maxMessageBytes, ServerLimits limits, ServerWork work,
            CallAuth auth) {
        this.channel = channel;
        this.auth = auth;
        this.maxMessageBytes = maxMessageBytes;
        this.limits = limits;
        this.work = work;
    }

    /** The selector says the channel can be read or written. */
    void ready(SelectionKey key) {
        try {
            if (key.isWritable() && !write()) {
                return; // the answer is not all out yet: wait for the socket
            }
            if (key.isReadable() && channel.read(in) < 0) {
                close();
                return;
            }
            lastProgress = System.nanoTime();
            while (!closeAfterWrite && answerNext()) {
                if (!write()) {
                    break;
                }
            }
            if (closeAfterWrite && out.isEmpty()) {
                close();
                return;
            }
            key.interestOps(out.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
        } catch (IOException | RuntimeException e) {
            close(); // the client went away, or sent what cannot be answered
        }
    }

    /** Closes the connection when nothing moved on it for {@code idleNanos}. */
    void closeIfIdle(long now, long idleNanos) {
        if (now - lastProgress >= idleNanos) {
            close();
        }
    }

    void close() {
        limits.release(inTaken);
        inTaken = 0;
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Writes what is queued, making more while a producer runs; true when all of it is out. */
    private boolean write() throws IOException {
        while (true) {
            if (out.isEmpty() && producer != null) {
                ByteBuffer next = producer.get();
                if (next == null) {
                    producer = null;
                } else {
                    out.add(next);
                }
            }
            if (out.isEmpty()) {
                return true;
            }
            channel.write(out.toArray(ByteBuffer[]::new));
            while (!out.isEmpty() && !out.peek().hasRemaining()) {
                out.poll();
                lastProgress = System.nanoTime();
            }
            if (!out.isEmpty()) {
                return false;
            }
        }
    }

    /** Answers the next whole message in the input, if one is there; false when none is. */
    private boolean answerNext() {
        if (in.position() < HEADER) {
            return false;
        }
        int length = in.getInt(0);
        if (length < 1 || length - 1 > maxMessageBytes) {
            return refuse("message length " + length + " outside 1.." + (maxMessageBytes + 1L));
        }
        int body = length - 1;
        if (in.capacity() < HEADER + body) { // a large message gets a buffer of its own, from the budget
            long taken = limits.reserve(HEADER + body);
            if (taken < 0) {
                return refuse(limits.overBudget(body));
            }
            ByteBuffer bigger = ByteBuffer.allocate(HEADER + body);
            bigger.put(in.flip());
            in = bigger;
            inTaken = taken;
            return false;
        }
        if (in.position() < HEADER + body) {
            return false;
        }
        byte kind = in.get(4);
        ByteBuffer message = ByteBuffer.wrap(in.array(), HEADER, body).slice();
        if ((kind & TcpProtocol.TOKEN_FLAG) != 0 || auth.required()) {
            message = checkToken(kind, message);
            if (message == null) {
                return false; // refused: ERROR, then the connection closes
            }
            kind &= ~TcpProtocol.TOKEN_FLAG;
        }
        answer(kind, message);
        in.limit(in.position()).position(HEADER + body);
        in.compact();
        if (inTaken > 0 && in.position() == 0) { // back to the ordinary buffer once the large message is handled
            limits.release(inTaken);
            inTaken = 0;
            in = ByteBuffer.allocate(TcpProtocol.BUFFER_BYTES);
        }
        return true;
    }

    /**
     * Reads a request's token field, if its kind has one, and checks it before anything of the
     * request is done; returns the body that follows, or null after refusing the request.
     */
    private ByteBuffer checkToken(byte kind, ByteBuffer message) {
        byte[] token = null;
        if ((kind & TcpProtocol.TOKEN_FLAG) != 0) {
            int n = message.hasRemaining() ? message.get() & 0xFF : -1;
            if (n < 0 || n > message.remaining()) {
                refuse("malformed request: a token field of " + n + " bytes in " + message.capacity());
                return null;
            }
            token = new byte[n];
            message.get(token);
        }
        String refused = auth.check(token);
        if (refused != null) {
            refuse("unauthenticated: " + refused);
            return null;
        }
        return message.slice();
    }

    private void answer(byte kind, ByteBuffer body) {
        int size = body.remaining();
        switch (kind) {
            case TcpProtocol.SIMPLE -> {
                if (size == 4) {
                    int value = body.getInt();
                    work.perform();
                    out.add(header(TcpProtocol.SIMPLE, 4).putInt(value + 1).flip());
                    return;
                }
            }
            case TcpProtocol.ECHO -> {
                work.perform();
                out.add(header(TcpProtocol.ECHO, size).flip());
                out.add(ByteBuffer.allocate(size).put(body).flip()); // a copy: the input buffer is reused
                return;
            }
            case TcpProtocol.MESSAGE -> {
                if (size >= 1) {
                    byte[] request = new byte[size];
                    body.get(request);
                    byte[] reply;
                    try {
                        reply = Messages.answer(MessageCodec.byId(request[0]), request, 1, size - 1);
                    } catch (IOException | IllegalArgumentException e) {
                        refuse("message refused: " + e.getMessage());
                        return;
                    }
                    out.add(header(TcpProtocol.MESSAGE, reply.length).flip());
                    out.add(ByteBuffer.wrap(reply));
                    return;
                }
            }
            case TcpProtocol.UPLOAD -> {
                out.add(header(TcpProtocol.UPLOAD, 8).putLong(size).flip());
                return;
            }
            case TcpProtocol.DOWNLOAD -> {
                int bytes = size == 4 ? body.getInt() : -1;
                if (bytes >= 0 && bytes <= maxMessageBytes) {
                    out.add(header(TcpProtocol.DOWNLOAD, bytes).flip());
                    producer = pattern(bytes);
                    return;
                }
            }
            case TcpProtocol.STREAM -> {
                if (size == 4) {
                    producer = values(body.getInt());
                    return;
                }
            }
            case TcpProtocol.CHUNK -> {
                crc.update(body);
                uploadedBytes += size;
                uploadedChunks++;
                return; // chunks are acknowledged once, by the receipt
            }
            case TcpProtocol.UPLOADED -> {
                out.add(header(TcpProtocol.UPLOADED, 24).putLong(uploadedBytes).putLong(uploadedChunks)
                        .putLong(crc.getValue()).flip());
                crc.reset();
                uploadedBytes = 0;
                uploadedChunks = 0;
                return;
            }
            case TcpProtocol.CHUNKS -> {
                if (size == 12) {
                    long total = body.getLong();
                    int chunkSize = body.getInt();
                    if (total >= 0 && chunkSize >= 1 && chunkSize <= maxMessageBytes) {
                        producer = chunks(total, chunkSize);
                        return;
                    }
                    refuse("transfer of " + total + " bytes in chunks of " + chunkSize + ": chunk size outside 1.."
                            + maxMessageBytes);
                    return;
                }
            }
            default -> {
                // refused below
            }
        }
        refuse("malformed request: kind " + kind + " with " + size + " body bytes");
    }

    /** ERROR, then the connection closes once it is written; false, so that nothing more is read. */
    private boolean refuse(String why) {
        byte[] text = why.getBytes(StandardCharsets.UTF_8);
        out.add(header(TcpProtocol.ERROR, text.length).flip());
        out.add(ByteBuffer.wrap(text));
        closeAfterWrite = true;
        return false;
    }

    /** VALUE messages 0..count-1 a buffer at a time, then END with the count. */
    private static Supplier<ByteBuffer> values(int count) {
        int perBuffer = TcpProtocol.BUFFER_BYTES / (HEADER + 4);
        return new Supplier<>() {
            private int next;
            private boolean ended;

            @Override
            public ByteBuffer get() {
                if (next < count) {
                    int n = Math.min(perBuffer, count - next);
                    ByteBuffer b = ByteBuffer.allocate(n * (HEADER + 4));
                    for (int i = 0; i < n; i++) {
                        b.putInt(1 + Integer.BYTES).put(TcpProtocol.VALUE).putInt(next++);
                    }
                    return b.flip();
                }
                if (!ended) {
                    ended = true;
                    return header(TcpProtocol.END, 8).putLong(Math.max(count, 0)).flip();
                }
                return null;
            }
        };
    }

    /** {@code length} bytes of the transfer pattern from 0, a buffer at a time. */
    private static Supplier<ByteBuffer> pattern(int length) {
        long[] done = {0};
        return () -> {
            if (done[0] >= length) {
                return null;
            }
            ByteBuffer piece = piece(done[0], length - done[0]);
            done[0] += piece.remaining();
            return piece;
        };
    }

    /** CHUNK messages of {@code total} bytes in all, each header then its bytes a buffer at a time, then END. */
    private static Supplier<ByteBuffer> chunks(long total, int chunkSize) {
        return new Supplier<>() {
            private long sent;
            private long chunkLeft;
            private boolean ended;

            @Override
            public ByteBuffer get() {
                if (chunkLeft > 0) {
                    ByteBuffer piece = piece(sent, chunkLeft);
                    sent += piece.remaining();
                    chunkLeft -= piece.remaining();
                    return piece;
                }
                if (sent < total) {
                    int n = (int) Math.min(chunkSize, total - sent);
                    chunkLeft = n;
                    return header(TcpProtocol.CHUNK, n).flip();
                }
                if (!ended) {
                    ended = true;
                    return header(TcpProtocol.END, 8).putLong(total).flip();
                }
                return null;
            }
        };
    }

    /** At most a buffer's worth of the transfer pattern at {@code offset}, of the {@code left} bytes still due. */
    private static ByteBuffer piece(long offset, long left) {
        int n = (int) Math.min(TcpProtocol.BUFFER_BYTES, left);
        byte[] bytes = new byte[n];
        TransferPattern.fill(bytes, 0, n, offset);
        return ByteBuffer.wrap(bytes);
    }

    /** A buffer holding a message's header, with room for a body of up to 24 bytes (the fixed-size answers). */
    private static ByteBuffer header(byte kind, int bodyLength) {
        return ByteBuffer.allocate(HEADER + Math.min(bodyLength, 24)).putInt(bodyLength + 1).put(kind);
    }
}
