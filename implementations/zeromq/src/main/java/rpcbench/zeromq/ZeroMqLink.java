package rpcbench.zeromq;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import rpcbench.api.CallAuth;
import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;

/**
 * A client's DEALER socket and the rules for reading it, used by the thread that holds it (the
 * calling thread, or the {@link ZeroMqAsync} agent between TAKE and GIVE).
 *
 * <p>ZeroMQ reconnects silently, so every receive has the call timeout, and ZMQ_HICCUP_MSG makes
 * JeroMQ put a marker frame into the receive queue the moment the connection drops: a killed
 * server fails the waiting call at once.
 */
final class ZeroMqLink {

    /** ZMQ_HANDSHAKE_IVL: a connection whose ZMTP handshake takes longer is dropped and retried. */
    static final int HANDSHAKE_MILLIS = 1000;

    final ZMQ.Socket socket;
    /** The bearer token in every request's header frame (ZeroMqProtocol.withToken); null: none. */
    final byte[] token;
    private final RpcSettings settings;
    private final int timeoutMillis;
    private ZeroMqAsync async;

    ZeroMqLink(ZContext context, InetAddress server, RpcSettings settings) {
        this.settings = settings;
        this.timeoutMillis = settings.callTimeoutMillis();
        this.token = CallAuth.clientToken(settings);
        socket = context.createSocket(SocketType.DEALER);
        ZeroMqProtocol.configure(socket, server instanceof Inet6Address, settings.maxMessageBytes());
        socket.base().setSocketOpt(zmq.ZMQ.ZMQ_HICCUP_MSG, ZeroMqProtocol.HICCUP);
        ZeroMqCurve.connectAs(socket, settings);
        // JeroMQ 0.6.0 sometimes loses the read registration of a fresh connection (the
        // connecter's cancelled selection key shadows the engine's), so the server's greeting sits
        // unread until the handshake timer, 30 s by default, retries the connection. One second
        // is ample for a handshake and keeps such a setup within the call timeout.
        socket.setHandshakeIvl(HANDSHAKE_MILLIS);
        socket.setSendTimeOut(timeoutMillis);
        socket.setReceiveTimeOut(timeoutMillis);
    }

    /** From the first async call on, replies to async calls met by a blocking call go there. */
    void async(ZeroMqAsync calls) {
        async = calls;
    }

    /**
     * Sends one message, waiting up to the call timeout while the pipe is at its high-water mark.
     *
     * @param payload a second frame or null; sent without a copy (see {@link ZeroMqServer#send})
     */
    void send(String call, byte[] request, ByteBuffer payload) {
        byte[] header = ZeroMqProtocol.withToken(request, token);
        boolean sent = payload == null
                ? socket.send(header, 0)
                : socket.send(header, ZMQ.SNDMORE) && socket.sendByteBuffer(payload, 0) >= 0;
        if (!sent) {
            throw new RpcException("zeromq: " + call + " could not be sent within " + timeoutMillis + " ms");
        }
    }

    /**
     * The next header frame; a timeout, a dropped connection or a refusal becomes an RpcException.
     * Replies to async calls still in flight are completed on the way.
     */
    byte[] receiveHeader(String call) {
        byte[] frame = socket.recv(0);
        // Bounded: each pass takes the reply of an async call, and only so many were sent.
        while (async != null && ZeroMqProtocol.isHeader(frame) && ZeroMqProtocol.kind(frame) == ZeroMqProtocol.ASYNC_SIMPLE) {
            async.complete(frame, socket);
            frame = socket.recv(0);
        }
        if (frame == null) {
            throw new RpcException("zeromq: " + call + " failed: " + settings.noAnswerWithinTimeout());
        }
        if (ZeroMqProtocol.isMarker(frame, ZeroMqProtocol.HICCUP)) {
            if (async != null) {
                async.failAll(new RpcException("zeromq: the connection to the server dropped"));
            }
            throw new RpcException("zeromq: " + call + " failed: the connection to the server dropped"
                    + " (server gone, or it refused a message above its maximum size or its budget)");
        }
        if (!ZeroMqProtocol.isHeader(frame)) {
            throw new RpcException("zeromq: " + call + " got a " + frame.length + "-byte frame instead of a header");
        }
        if (ZeroMqProtocol.kind(frame) == ZeroMqProtocol.ERROR) {
            byte[] text = socket.hasReceiveMore() ? socket.recv(0) : new byte[0];
            throw new RpcException("zeromq: server refused " + call + ": " + new String(text, StandardCharsets.UTF_8));
        }
        return frame;
    }

    /** The payload frame after a header: {@code length} bytes and the end of the message. */
    byte[] receivePayload(String call, int length) {
        byte[] payload = socket.hasReceiveMore() ? socket.recv(0) : null;
        if (payload == null || payload.length != length || socket.hasReceiveMore()) {
            throw new RpcException("zeromq: " + call + " reply is not one payload frame of " + length + " bytes");
        }
        return payload;
    }

    byte[] expect(String call, byte kind) {
        byte[] header = receiveHeader(call);
        if (ZeroMqProtocol.kind(header) != kind) {
            throw new RpcException("zeromq: " + call + " got reply kind " + ZeroMqProtocol.kind(header));
        }
        return header;
    }

    /** Tells the server to stop producing or receiving (the caller's own exception is what it sees). */
    void cancel() {
        try {
            socket.send(ZeroMqProtocol.withToken(ZeroMqProtocol.header(ZeroMqProtocol.CANCEL, 0), token), ZMQ.DONTWAIT);
        } catch (ZMQException e) {
            // The connection is marked unusable anyway; teardown closes it and the server notices.
        }
    }
}
