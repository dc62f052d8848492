package rpcbench.zeromq;

import org.zeromq.ZMQ;

/**
 * The ROUTER thread's work: receive requests, answer them inline, and pump the streams in
 * progress in between. A turn handles at most {@link #REQUESTS_PER_TURN} requests before each
 * stream sends its next batch, so neither calls nor streams can starve the other.
 *
 * <p>How long a turn waits for the first request depends on the streams: not at all while some
 * stream can send, {@link ZeroMqStreams#BLOCKED_RETRY_MILLIS} while all are held back by their
 * clients' high-water marks, and indefinitely while there is none (closing the context ends the
 * wait with ETERM).
 */
final class ZeroMqRequests {

    static final int REQUESTS_PER_TURN = 64;

    private static final int FOREVER = -1;

    private final ZMQ.Socket router;
    private final ZeroMqStreams streams;
    private boolean streamsCanSend;
    private int receiveTimeout = Integer.MIN_VALUE;

    ZeroMqRequests(ZMQ.Socket router, ZeroMqStreams streams) {
        this.router = router;
        this.streams = streams;
    }

    void serveTurn() {
        int wait = streams.isEmpty() ? FOREVER : streamsCanSend ? 0 : ZeroMqStreams.BLOCKED_RETRY_MILLIS;
        for (int i = 0; i < REQUESTS_PER_TURN; i++) {
            byte[] identity = receive(i == 0 ? wait : 0);
            if (identity == null) {
                break;
            }
            handle(identity);
        }
        streamsCanSend = !streams.isEmpty() && streams.pump();
    }

    /** The first frame of the next message (the sender's identity), or null when none came in time. */
    private byte[] receive(int waitMillis) {
        if (waitMillis == 0) {
            return router.recv(ZMQ.DONTWAIT);
        }
        if (receiveTimeout != waitMillis) {
            router.setReceiveTimeOut(waitMillis);
            receiveTimeout = waitMillis;
        }
        return router.recv(0);
    }

    private void handle(byte[] identity) {
        // ZeroMQ delivers the parts of a message together, so these receives never wait.
        byte[] header = router.hasReceiveMore() ? router.recv(0) : null;
        byte[] payload = router.hasReceiveMore() ? router.recv(0) : null;
        int extraFrames = 0;
        while (router.hasReceiveMore()) {
            router.recv(0);
            extraFrames++;
        }
        if (payload == null && ZeroMqProtocol.isMarker(header, ZeroMqProtocol.DISCONNECTED)) {
            streams.stop(identity);
            return;
        }
        if (!ZeroMqProtocol.isHeader(header) || extraFrames > 0) {
            refuse(identity, "malformed request: expected a " + ZeroMqProtocol.HEADER_BYTES
                    + "-byte header frame and at most one payload frame");
            return;
        }
        byte kind = ZeroMqProtocol.kind(header);
        int argument = ZeroMqProtocol.argument(header);
        switch (kind) {
            case ZeroMqProtocol.SIMPLE -> {
                if (payload == null) {
                    reply(identity, ZeroMqProtocol.header(ZeroMqProtocol.SIMPLE, argument + 1), null);
                    return;
                }
            }
            case ZeroMqProtocol.ECHO -> {
                if (payload != null && payload.length == argument) {
                    reply(identity, ZeroMqProtocol.header(ZeroMqProtocol.ECHO, payload.length), payload);
                    return;
                }
            }
            case ZeroMqProtocol.STREAM -> {
                if (payload == null) {
                    streams.start(identity, argument); // its first batch leaves at the end of this turn
                    return;
                }
            }
            case ZeroMqProtocol.CANCEL -> {
                streams.stop(identity);
                return;
            }
            default -> {
                // refused below
            }
        }
        refuse(identity, "malformed request: kind " + kind + ", argument " + argument + ", "
                + (payload == null ? "no payload" : payload.length + " payload bytes"));
    }

    private void refuse(byte[] identity, String why) {
        reply(identity, ZeroMqProtocol.header(ZeroMqProtocol.ERROR, 0), ZeroMqProtocol.utf8(why));
    }

    private void reply(byte[] identity, byte[] header, byte[] payload) {
        if (ZeroMqServer.send(router, identity, header, payload) == ZeroMqServer.Delivery.FULL) {
            // Only a client that stopped reading a stream without cancelling it gets here; it
            // will time out, so say why in the log rather than block every other client.
            System.err.println("zeromq server: dropped a reply to a client whose pipe is full");
        }
    }
}
