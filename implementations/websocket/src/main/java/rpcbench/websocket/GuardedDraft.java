package rpcbench.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;

import rpcbench.api.ServerLimits;

/**
 * The server's RFC 6455 draft: Java-WebSocket 1.6.0's (the latest release), with the bytes of every
 * read looked at before the library parses them, for what it does not check:
 * <ul>
 *   <li>an unmasked client frame fails the connection (RFC 6455 section 5.1; the library accepts it);</li>
 *   <li>a message in fragments is refused with 1009 once its fragments pass the largest message (the
 *       library checks the total only at the final fragment, and buffered 1 GiB of a message that
 *       never ended);</li>
 *   <li>a close frame whose reason is not UTF-8 fails the connection with 1007 (the library ignored it);</li>
 *   <li>the bytes the library will hold for an unfinished message (a frame above
 *       {@link ServerLimits#UNCOUNTED_BYTES}, allocated whole when its header arrives, or every
 *       fragment of a fragmented message) are taken from the server's budget first; past the budget
 *       the connection is closed with 1013 (try again later). They are given back when the message
 *       ends or the connection closes ({@link #release}).</li>
 * </ul>
 * Frame boundaries are followed with a small state machine (headers only; payloads are skipped
 * without copying), one per connection: the library copies its draft for each connection
 * ({@link #copyInstance}). Frames the library would refuse anyway are left to it.
 */
final class GuardedDraft extends Draft_6455 {

    private static final int CLOSE = 8;
    private static final int CONTINUATION = 0;
    /** A frame whose payload is only skipped. */
    private static final int UNCHECKED = 16;

    private final ServerLimits limits;
    private final byte[] head = new byte[14];
    private int headLength;
    private int headNeeded = 2;
    private long payloadLeft;
    private int opcode;
    private boolean fin;
    private final byte[] mask = new byte[4];
    private final byte[] closePayload = new byte[125];
    private int closeLength;
    private boolean fragmented;
    private long messageBytes;
    private long held;

    GuardedDraft(int maxFrameBytes, ServerLimits limits) {
        super(List.of(), maxFrameBytes);
        this.limits = limits;
    }

    @Override
    public Draft copyInstance() {
        return new GuardedDraft(getMaxFrameSize(), limits);
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        inspect(buffer.duplicate());
        return super.translateFrame(buffer);
    }

    /** Gives back what this connection holds of the budget (its connection closed). */
    synchronized void release() {
        limits.release(held);
        held = 0;
    }

    private synchronized void inspect(ByteBuffer bytes) throws InvalidDataException {
        while (bytes.hasRemaining()) {
            if (payloadLeft > 0) {
                int n = (int) Math.min(payloadLeft, bytes.remaining());
                if (opcode == CLOSE) {
                    bytes.get(closePayload, closeLength, n);
                    closeLength += n;
                } else {
                    bytes.position(bytes.position() + n);
                }
                payloadLeft -= n;
                if (payloadLeft == 0) {
                    frameEnded();
                }
                continue;
            }
            head[headLength++] = bytes.get();
            if (headLength == 2) {
                int length = head[1] & 0x7F;
                headNeeded = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0) + 4;
                if ((head[1] & 0x80) == 0) {
                    throw new InvalidDataException(CloseFrame.PROTOCOL_ERROR,
                            "an unmasked client frame (RFC 6455 section 5.1)");
                }
            }
            if (headLength == headNeeded) {
                headerEnded();
            }
        }
    }

    private void headerEnded() throws InvalidDataException {
        opcode = head[0] & 0x0F;
        fin = (head[0] & 0x80) != 0;
        int small = head[1] & 0x7F;
        ByteBuffer h = ByteBuffer.wrap(head, 2, headNeeded - 6);
        long length = small == 126 ? h.getShort() & 0xFFFF : small == 127 ? h.getLong() : small;
        System.arraycopy(head, headNeeded - 4, mask, 0, 4);
        headLength = 0;
        headNeeded = 2;
        if (length < 0) {
            throw new LimitExceededException("a frame announcing 2^63 bytes or more", getMaxFrameSize());
        }
        if (opcode < CLOSE) {
            dataFrame(length);
        } else if (length > closePayload.length) {
            opcode = UNCHECKED; // the library refuses a control frame above 125 bytes itself
        }
        closeLength = 0;
        payloadLeft = length;
        if (length == 0) {
            frameEnded();
        }
    }

    private void dataFrame(long length) throws InvalidDataException {
        if (opcode != CONTINUATION) {
            messageBytes = 0;
            fragmented = !fin;
        }
        messageBytes += length;
        if (messageBytes > getMaxFrameSize()) {
            throw new LimitExceededException("a message of more than " + messageBytes + " bytes in fragments",
                    getMaxFrameSize());
        }
        long taken = fragmented ? limits.take(length) : limits.reserve(length);
        if (taken < 0) {
            throw new InvalidDataException(CloseFrame.TRY_AGAIN_LATER, limits.overBudget(messageBytes));
        }
        held += taken;
    }

    private void frameEnded() throws InvalidDataException {
        if (opcode == CLOSE && closeLength > 2) {
            checkCloseReason();
        } else if (opcode < CLOSE && fin) {
            limits.release(held); // the message is whole: the library hands it over now
            held = 0;
            fragmented = false;
        }
    }

    private void checkCloseReason() throws InvalidDataException {
        for (int i = 0; i < closeLength; i++) {
            closePayload[i] ^= mask[i % 4];
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(closePayload, 2, closeLength - 2));
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(CloseFrame.NO_UTF8, "a close frame whose reason is not UTF-8");
        }
    }
}
