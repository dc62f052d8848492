package rpcbench.zeromq;

import java.io.IOException;

import rpcbench.api.MessageCodec;
import rpcbench.api.ServerWork;
import rpcbench.api.TransferPattern;
import rpcbench.codec.Messages;

/**
 * The requests whose answer needs nothing but the request: simple calls (plain and async), echo, messages,
 * upload and download. The ROUTER thread answers them inline; in the {@code workers} mode it hands
 * them to {@link ZeroMqWorkers}, whose threads answer them with this same code. Streams and
 * chunked transfers keep per-client state and stay on the ROUTER thread.
 */
final class ZeroMqCalls {

    /** Where an answer goes: the ROUTER itself, or a worker's DEALER back to it. */
    @FunctionalInterface
    interface Replies {
        void reply(byte[] identity, byte[] header, byte[] payload);
    }

    private final int maxMessageBytes;
    private final ServerWork work;

    ZeroMqCalls(int maxMessageBytes, ServerWork work) {
        this.maxMessageBytes = maxMessageBytes;
        this.work = work;
    }

    /** Whether requests of {@code kind} are answered here. */
    static boolean isCall(byte kind) {
        return switch (kind) {
            case ZeroMqProtocol.SIMPLE, ZeroMqProtocol.ASYNC_SIMPLE, ZeroMqProtocol.ECHO, ZeroMqProtocol.MESSAGE,
                 ZeroMqProtocol.UPLOAD, ZeroMqProtocol.DOWNLOAD -> true;
            default -> false;
        };
    }

    /** Answers one request of an {@link #isCall} kind, with ERROR when its frames do not fit its kind. */
    void answer(byte[] identity, byte[] header, byte[] payload, Replies replies) {
        if (!answered(identity, header, payload, replies)) {
            replies.reply(identity, ZeroMqProtocol.header(ZeroMqProtocol.ERROR, 0), ZeroMqProtocol.utf8(
                    malformed(ZeroMqProtocol.kind(header), ZeroMqProtocol.argument(header), payload)));
        }
    }

    /** What an ERROR says of a request whose frames do not fit its kind. */
    static String malformed(byte kind, int argument, byte[] payload) {
        return "malformed request: kind " + kind + ", argument " + argument + ", "
                + (payload == null ? "no payload" : payload.length + " payload bytes");
    }

    private boolean answered(byte[] identity, byte[] header, byte[] payload, Replies replies) {
        byte kind = ZeroMqProtocol.kind(header);
        int argument = ZeroMqProtocol.argument(header);
        switch (kind) {
            case ZeroMqProtocol.SIMPLE -> {
                if (payload == null) {
                    work.perform();
                    replies.reply(identity, ZeroMqProtocol.header(ZeroMqProtocol.SIMPLE, argument + 1), null);
                    return true;
                }
            }
            case ZeroMqProtocol.ASYNC_SIMPLE -> {
                if (payload != null && payload.length == 8) { // the call id goes back as it came
                    work.perform();
                    replies.reply(identity, ZeroMqProtocol.header(ZeroMqProtocol.ASYNC_SIMPLE, argument + 1), payload);
                    return true;
                }
            }
            case ZeroMqProtocol.ECHO -> {
                if (payload != null && payload.length == argument) {
                    work.perform();
                    replies.reply(identity, ZeroMqProtocol.header(ZeroMqProtocol.ECHO, payload.length), payload);
                    return true;
                }
            }
            case ZeroMqProtocol.MESSAGE -> {
                if (payload != null) {
                    try {
                        byte[] reply = Messages.answer(MessageCodec.byId(argument), payload, 0, payload.length);
                        replies.reply(identity, ZeroMqProtocol.header(ZeroMqProtocol.MESSAGE, reply.length), reply);
                    } catch (IOException | IllegalArgumentException e) {
                        replies.reply(identity, ZeroMqProtocol.header(ZeroMqProtocol.ERROR, 0),
                                ZeroMqProtocol.utf8("message refused: " + e.getMessage()));
                    }
                    return true;
                }
            }
            case ZeroMqProtocol.UPLOAD -> {
                if (payload != null && payload.length == argument) { // bounded by ZMQ_MAXMSGSIZE
                    replies.reply(identity, ZeroMqProtocol.header(ZeroMqProtocol.UPLOAD, payload.length), null);
                    return true;
                }
            }
            case ZeroMqProtocol.DOWNLOAD -> {
                if (payload == null && argument >= 0 && argument <= maxMessageBytes) {
                    replies.reply(identity, header, TransferPattern.bytes(0, argument));
                    return true;
                }
            }
            default -> {
                // not a call
            }
        }
        return false;
    }
}
