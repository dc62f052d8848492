package rpcbench.zeromq;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.zeromq.ZMQ;

import rpcbench.api.RpcSettings;

/**
 * The streams in progress on the server, one per client identity, pumped by the ROUTER thread
 * between requests so that a ten-million-value stream never starves another client's call.
 *
 * <p>Backpressure is ZeroMQ's own: the ROUTER runs with ZMQ_ROUTER_MANDATORY, so a client whose
 * pipe is at its send high-water mark makes the send fail with EAGAIN instead of the default of
 * silently dropping the value. That value is kept and retried later; the stream is "blocked" until
 * then. ROUTER has no per-peer writable event, so the loop retries blocked streams after at most
 * {@link #BLOCKED_RETRY_MILLIS} while still answering requests. A client that went away makes the
 * send fail with EHOSTUNREACH (or its DISCONNECTED notice or CANCEL arrives first), and the
 * stream is dropped; a client that stays connected but reads nothing for the call timeout loses
 * its stream too, loudly, in the server log: it will see a timeout, never a short stream.
 */
final class ZeroMqStreams {

    /** Values sent for one stream before the loop looks at requests and other streams again. */
    static final int BATCH = 128;

    /** How long the loop waits for requests before retrying streams that are all blocked. */
    static final int BLOCKED_RETRY_MILLIS = 1;

    private final long stallNanos = TimeUnit.MILLISECONDS.toNanos(RpcSettings.callTimeoutMillis());
    private final Map<ByteBuffer, Stream> active = new LinkedHashMap<>();
    private final ZMQ.Socket router;

    ZeroMqStreams(ZMQ.Socket router) {
        this.router = router;
    }

    /** One client's stream: the next value to send; {@code next == count} means END is next. */
    private static final class Stream {
        final byte[] identity;
        final int count;
        int next;
        long lastProgressNanos = System.nanoTime();

        Stream(byte[] identity, int count) {
            this.identity = identity;
            this.count = count;
        }
    }

    void start(byte[] identity, int count) {
        // A client sends one request at a time, so a new STREAM replaces nothing that still matters.
        active.put(ByteBuffer.wrap(identity), new Stream(identity, Math.max(count, 0)));
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
            int first = s.next;
            for (int i = 0; i < BATCH && s.next <= s.count; i++) {
                byte[] header = s.next < s.count
                        ? ZeroMqProtocol.header(ZeroMqProtocol.VALUE, s.next)
                        : ZeroMqProtocol.header(ZeroMqProtocol.END, s.count);
                outcome = ZeroMqServer.send(router, s.identity, header, null);
                if (outcome != ZeroMqServer.Delivery.SENT) {
                    break;
                }
                s.next++;
            }
            if (now == 0) {
                now = System.nanoTime();
            }
            if (outcome == ZeroMqServer.Delivery.GONE || s.next > s.count) {
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
                System.err.println("zeromq server: dropped a stream at value " + s.next + " of " + s.count
                        + ": its client read nothing for " + RpcSettings.callTimeoutMillis() + " ms");
            }
        }
        return canContinue;
    }
}
