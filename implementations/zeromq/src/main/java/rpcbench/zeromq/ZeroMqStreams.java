package rpcbench.zeromq;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.zeromq.ZMQ;


/**
 * The streams in progress on the server (value streams and chunked downloads), one per client
 * identity, pumped by the ROUTER thread between requests so that a ten-million-value stream never
 * starves another client's call.
 *
 * <p>Backpressure is ZeroMQ's own: the ROUTER runs with ZMQ_ROUTER_MANDATORY, so a client whose
 * pipe is at its send high-water mark makes the send fail with EAGAIN instead of the default of
 * silently dropping the message. That message is kept and retried later; the stream is "blocked"
 * until then. A download, and a paced value stream (a CURVE client's), is also blocked while it
 * has no credit (see {@link ZeroMqChunks}, {@link ZeroMqProtocol#HWM}).
 * ROUTER has no per-peer writable event, so the loop retries blocked streams after at most
 * {@link #BLOCKED_RETRY_MILLIS} while still answering requests. A client that went away makes the
 * send fail with EHOSTUNREACH (or its DISCONNECTED notice or CANCEL arrives first), and the
 * stream is dropped; a client that stays connected but reads nothing for the call timeout loses
 * its stream too, loudly, in the server log: it will see a timeout, never a short stream.
 */
final class ZeroMqStreams {

    /** Messages sent for one stream before the loop looks at requests and other streams again. */
    static final int BATCH = 128;

    /** How long the loop waits for requests before retrying streams that are all blocked. */
    static final int BLOCKED_RETRY_MILLIS = 1;

    private final int stallMillis;
    private final long stallNanos;
    private final Map<ByteBuffer, Stream> active = new LinkedHashMap<>();
    private final ZMQ.Socket router;

    ZeroMqStreams(ZMQ.Socket router, int callTimeoutMillis) {
        this.router = router;
        this.stallMillis = callTimeoutMillis;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(callTimeoutMillis);
    }

    /**
     * One client's stream: {@code messages} messages and then an end message; {@code next ==
     * messages} means the end is next. A paced stream ({@code window} > 0) sends each message
     * against a credit, {@code window} at first, and the client's grants never raise it past
     * {@code window}; an unpaced one (0) has unlimited credit and only the high-water mark holds it back.
     */
    abstract static class Stream {
        final byte[] identity;
        final long messages;
        final int window;
        long next;
        long credit;
        long lastProgressNanos = System.nanoTime();

        Stream(byte[] identity, long messages, int window) {
            this.identity = identity;
            this.messages = messages;
            this.window = window;
            this.credit = window > 0 ? window : Long.MAX_VALUE;
        }

        /** Tries to hand message {@code next} (or the end) to the ROUTER, without waiting. */
        abstract ZeroMqServer.Delivery send(ZMQ.Socket router);

        /** More credit from the client, clamped to the window; nothing for an unpaced stream. */
        final void grant(int more) {
            if (window > 0) {
                credit = Math.min(window, credit + Math.max(more, 0));
            }
        }
    }

    /**
     * The values 0..count-1, one VALUE message each, then END with the count; {@code paced}, each
     * VALUE against a credit, {@link ZeroMqProtocol#VALUE_WINDOW} at first (the END needs none).
     */
    void start(byte[] identity, int count, boolean paced) {
        // A client sends one request at a time, so a new stream replaces nothing that still matters.
        add(new Stream(identity, Math.max(count, 0), paced ? ZeroMqProtocol.VALUE_WINDOW : 0) {
            @Override
            ZeroMqServer.Delivery send(ZMQ.Socket router) {
                byte[] header = next < messages
                        ? ZeroMqProtocol.header(ZeroMqProtocol.VALUE, (int) next)
                        : ZeroMqProtocol.header(ZeroMqProtocol.END, (int) messages);
                return ZeroMqServer.send(router, identity, header, null);
            }
        });
    }

    void add(Stream stream) {
        active.put(ByteBuffer.wrap(stream.identity), stream);
    }

    /** Credit for the client's download, if it has one running. */
    void grant(byte[] identity, int more) {
        Stream s = active.get(ByteBuffer.wrap(identity));
        if (s != null) {
            s.grant(more);
        }
    }

    /** The client cancelled its stream or its connection dropped: stop producing for it. */
    void stop(byte[] identity) {
        active.remove(ByteBuffer.wrap(identity));
    }

    boolean isEmpty() {
        return active.isEmpty();
    }

    /**
     * Sends up to {@link #BATCH} messages of every stream.
     *
     * @return true when some stream can take more right away, false when all are blocked or done
     */
    boolean pump() {
        boolean canContinue = false;
        long now = 0;
        Iterator<Stream> it = active.values().iterator();
        while (it.hasNext()) {
            Stream s = it.next();
            ZeroMqServer.Delivery outcome = ZeroMqServer.Delivery.SENT;
            long first = s.next;
            for (int i = 0; i < BATCH && s.next <= s.messages; i++) {
                if (s.next < s.messages && s.credit == 0) {
                    outcome = ZeroMqServer.Delivery.FULL; // no credit: blocked like a full pipe
                    break;
                }
                outcome = s.send(router);
                if (outcome != ZeroMqServer.Delivery.SENT) {
                    break;
                }
                if (s.next++ < s.messages) {
                    s.credit--;
                }
            }
            if (now == 0) {
                now = System.nanoTime();
            }
            if (outcome == ZeroMqServer.Delivery.GONE || s.next > s.messages) {
                it.remove(); // finished, or nobody left to send to
                continue;
            }
            if (s.next > first) {
                s.lastProgressNanos = now;
            }
            if (outcome == ZeroMqServer.Delivery.SENT) {
                canContinue = true;
            } else if (now - s.lastProgressNanos > stallNanos) {
                it.remove();
                System.err.println("zeromq server: dropped a stream at message " + s.next + " of " + s.messages
                        + ": its client read nothing for " + stallMillis + " ms");
            }
        }
        return canContinue;
    }
}
