package rpcbench.zeromq;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.zeromq.ZMQ;

import rpcbench.api.CallAuth;
import rpcbench.api.TransferPattern;

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
    private final ZeroMqUploads uploads;
    private final int maxMessageBytes;
    private final ZeroMqCalls calls;
    private final ZeroMqCalls.Replies replies = this::reply;
    /** The worker pool of the workers mode; null: calls are answered inline. */
    private final ZeroMqWorkers workers;
    /** Checks each request's token before it is handed anywhere (a worker, a stream, an upload). */
    private final CallAuth auth;
    private boolean streamsCanSend;
    private int receiveTimeout = Integer.MIN_VALUE;

    ZeroMqRequests(ZMQ.Socket router, ZeroMqStreams streams, ZeroMqUploads uploads, int maxMessageBytes,
                   ZeroMqCalls calls, ZeroMqWorkers workers, CallAuth auth) {
        this.router = router;
        this.auth = auth;
        this.calls = calls;
        this.workers = workers;
        this.maxMessageBytes = maxMessageBytes;
        this.streams = streams;
        this.uploads = uploads;
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
        if (workers != null) {
            workers.returnAnswers(replies);
        }
        streamsCanSend = !streams.isEmpty() && streams.pump();
    }

    /** The first frame of the next message (the sender's identity), or null when none came in time. */
    private byte[] receive(int waitMillis) {
        if (waitMillis == 0) {
            return router.recv(ZMQ.DONTWAIT);
        }
        if (workers != null) { // wait for a request or a worker's answer, whichever comes first
            workers.await(waitMillis);
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
        // The payload frame as JeroMQ's Msg, so that its budget goes back once it is handled.
        zmq.Msg frame = router.hasReceiveMore() ? router.base().recv(0) : null;
        try {
            handle(identity, header, frame == null ? null : frame.data());
        } finally {
            if (frame != null) {
                ZeroMqGuard.release(frame);
            }
        }
    }

    private void handle(byte[] identity, byte[] header, byte[] payload) {
        int extraFrames = 0;
        while (router.hasReceiveMore()) {
            router.recv(0);
            extraFrames++;
        }
        if (payload == null && ZeroMqProtocol.isMarker(header, ZeroMqProtocol.DISCONNECTED)) {
            streams.stop(identity);
            uploads.stop(identity);
            return;
        }
        if (ZeroMqProtocol.hasToken(header) || auth.required()) {
            byte[] token = ZeroMqProtocol.hasToken(header)
                    ? Arrays.copyOfRange(header, ZeroMqProtocol.HEADER_BYTES, header.length) : null;
            String refused = auth.check(token);
            if (refused != null) {
                refuse(identity, "unauthenticated: " + refused); // before anything of the request is done
                return;
            }
            if (token != null) {
                header = Arrays.copyOf(header, ZeroMqProtocol.HEADER_BYTES);
                header[0] &= (byte) ~ZeroMqProtocol.TOKEN_FLAG;
            }
        }
        if (!ZeroMqProtocol.isHeader(header) || extraFrames > 0) {
            refuse(identity, "malformed request: expected a " + ZeroMqProtocol.HEADER_BYTES
                    + "-byte header frame and at most one payload frame");
            return;
        }
        byte kind = ZeroMqProtocol.kind(header);
        int argument = ZeroMqProtocol.argument(header);
        if (ZeroMqCalls.isCall(kind)) {
            if (workers == null) {
                calls.answer(identity, header, payload, replies);
            } else if (!workers.forward(identity, header, payload)) {
                refuse(identity, "refused: every worker has " + ZeroMqWorkers.QUEUED + " requests queued");
            }
            return;
        }
        switch (kind) {
            case ZeroMqProtocol.UPLOAD_CHUNKS, ZeroMqProtocol.CHUNK, ZeroMqProtocol.UPLOADED -> {
                String refused = uploads.handle(identity, kind, argument, payload);
                if (refused != null) {
                    refuse(identity, refused);
                }
                return;
            }
            case ZeroMqProtocol.DOWNLOAD_CHUNKS -> {
                long total = payload != null && payload.length == 8 ? ByteBuffer.wrap(payload).getLong() : -1;
                if (total >= 0 && argument >= 1 && argument <= maxMessageBytes) {
                    streams.add(new ZeroMqChunks(identity, total, argument)); // its first chunks leave this turn
                } else {
                    refuse(identity, "transfer of " + total + " bytes in chunks of " + argument
                            + ": chunk size outside 1.." + maxMessageBytes);
                }
                return;
            }
            case ZeroMqProtocol.CREDIT -> {
                if (payload == null) {
                    streams.grant(identity, argument);
                    return;
                }
            }
            case ZeroMqProtocol.STREAM, ZeroMqProtocol.STREAM_PACED -> {
                if (payload == null) { // its first batch leaves at the end of this turn
                    streams.start(identity, argument, kind == ZeroMqProtocol.STREAM_PACED);
                    return;
                }
            }
            case ZeroMqProtocol.CANCEL -> {
                streams.stop(identity);
                uploads.stop(identity);
                return;
            }
            default -> {
                // refused below
            }
        }
        refuse(identity, ZeroMqCalls.malformed(kind, argument, payload));
    }

    private void refuse(byte[] identity, String why) {
        reply(identity, ZeroMqProtocol.header(ZeroMqProtocol.ERROR, 0), ZeroMqProtocol.utf8(why));
    }

    private void reply(byte[] identity, byte[] header, byte[] payload) {
        ByteBuffer frame = payload == null ? null : ByteBuffer.wrap(payload);
        if (ZeroMqServer.send(router, identity, header, frame) == ZeroMqServer.Delivery.FULL) {
            // Only a client that stopped reading a stream without cancelling it gets here; it
            // will time out, so say why in the log rather than block every other client.
            System.err.println("zeromq server: dropped a reply to a client whose pipe is full");
        }
    }
}
