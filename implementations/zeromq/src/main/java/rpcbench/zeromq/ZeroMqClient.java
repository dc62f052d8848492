package rpcbench.zeromq;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;

/**
 * One DEALER socket in its own context (one JeroMQ I/O thread), so a client is one connection
 * whose I/O never queues behind another client's, and teardown ends everything it started. A
 * DEALER rather than REQ: it has no lock-step state machine to get stuck after a lost reply, and
 * it can carry several calls in flight once the contract grows asynchronous calls.
 *
 * <p>ZeroMQ reconnects silently, so every receive has the call timeout, and ZMQ_HICCUP_MSG makes
 * JeroMQ put a marker frame into the receive queue the moment the connection drops: a killed
 * server fails the waiting call at once. Any failure marks the client unusable, since a late reply
 * could otherwise be taken for the answer to the next call.
 */
final class ZeroMqClient implements RpcImplementation {

    /** ZMQ_HANDSHAKE_IVL: a connection whose ZMTP handshake takes longer is dropped and retried. */
    static final int HANDSHAKE_MILLIS = 1000;

    private final int timeoutMillis = RpcSettings.callTimeoutMillis();
    private final int maxMessageBytes = RpcSettings.maxMessageBytes();
    private ZContext context;
    private ZMQ.Socket socket;
    private String brokenBy;

    @Override
    public void setup(Endpoint server) throws IOException {
        if (context != null) {
            throw new IllegalStateException("zeromq: setup called twice");
        }
        InetAddress address = InetAddress.getByName(server.host());
        context = new ZContext(1);
        socket = context.createSocket(SocketType.DEALER);
        ZeroMqProtocol.configure(socket, address instanceof Inet6Address);
        socket.base().setSocketOpt(zmq.ZMQ.ZMQ_HICCUP_MSG, ZeroMqProtocol.HICCUP);
        // JeroMQ 0.6.0 sometimes loses the read registration of a fresh connection (the
        // connecter's cancelled selection key shadows the engine's), so the server's greeting sits
        // unread until the handshake timer, 30 s by default, retries the connection. One second
        // is ample for a handshake and keeps such a setup within the call timeout.
        socket.setHandshakeIvl(HANDSHAKE_MILLIS);
        socket.setSendTimeOut(timeoutMillis);
        socket.setReceiveTimeOut(timeoutMillis);
        String endpoint = ZeroMqProtocol.endpoint(address, Integer.toString(server.port()));
        try {
            try (ZeroMqConnectProbe probe = ZeroMqConnectProbe.watch(context, socket)) {
                socket.connect(endpoint);
                send("setup", ZeroMqProtocol.header(ZeroMqProtocol.SIMPLE, 0), null);
                probe.awaitReply(endpoint, timeoutMillis);
            }
            if (ZeroMqProtocol.argument(expect("setup", ZeroMqProtocol.SIMPLE)) != 1) {
                throw new IOException("zeromq server at " + endpoint + " answered the first call wrongly");
            }
        } catch (IOException | RuntimeException e) {
            teardown();
            throw e;
        }
    }

    @Override
    public int simpleCall(int value) {
        try {
            checkUsable("simpleCall");
            send("simpleCall", ZeroMqProtocol.header(ZeroMqProtocol.SIMPLE, value), null);
            return ZeroMqProtocol.argument(expect("simpleCall", ZeroMqProtocol.SIMPLE));
        } catch (RuntimeException e) {
            throw failed("simpleCall", e);
        }
    }

    @Override
    public long streamValues(int count, IntConsumer sink) {
        try {
            checkUsable("streamValues");
            send("streamValues", ZeroMqProtocol.header(ZeroMqProtocol.STREAM, count), null);
            long expected = Math.max(count, 0);
            long arrived = 0;
            // Bounded: every pass consumes a value the server must still owe, or ends the stream.
            while (true) {
                byte[] header = receiveHeader("streamValues");
                int argument = ZeroMqProtocol.argument(header);
                if (ZeroMqProtocol.kind(header) == ZeroMqProtocol.END && argument == arrived && arrived == expected) {
                    return arrived;
                }
                if (ZeroMqProtocol.kind(header) != ZeroMqProtocol.VALUE || argument != arrived || arrived == expected) {
                    throw new RpcException("zeromq: streamValues(" + count + ") got kind "
                            + ZeroMqProtocol.kind(header) + " with " + argument + " after " + arrived
                            + " values: values were lost, reordered or too many");
                }
                arrived++;
                try {
                    sink.accept(argument);
                } catch (RuntimeException e) {
                    abandonStream();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            throw failed("streamValues", e);
        }
    }

    @Override
    public byte[] echo(byte[] payload) {
        if (payload.length > maxMessageBytes) {
            // Refused before sending anything, so the connection stays usable.
            throw new RpcException("zeromq: echo of " + payload.length + " bytes refused: above the maximum of "
                    + maxMessageBytes + " bytes (" + RpcSettings.MAX_MESSAGE_BYTES + ")");
        }
        try {
            checkUsable("echo");
            send("echo", ZeroMqProtocol.header(ZeroMqProtocol.ECHO, payload.length), payload);
            int length = ZeroMqProtocol.argument(expect("echo", ZeroMqProtocol.ECHO));
            byte[] answer = socket.hasReceiveMore() ? socket.recv(0) : null;
            if (answer == null || answer.length != length || socket.hasReceiveMore()) {
                throw new RpcException("zeromq: echo reply is not one payload frame of " + length + " bytes");
            }
            return answer;
        } catch (RuntimeException e) {
            throw failed("echo", e);
        }
    }

    @Override
    public void teardown() {
        brokenBy = "teardown";
        if (context != null) {
            context.close(); // closes the socket with linger 0, then ends the I/O and reaper threads
            context = null;
            socket = null;
        }
    }

    private void send(String call, byte[] header, byte[] payload) {
        boolean sent = payload == null
                ? socket.send(header, 0)
                : socket.send(header, ZMQ.SNDMORE) && socket.send(payload, 0);
        if (!sent) {
            throw new RpcException("zeromq: " + call + " could not be sent within " + timeoutMillis + " ms");
        }
    }

    /** The next header frame; a timeout, a dropped connection or a refusal becomes an RpcException. */
    private byte[] receiveHeader(String call) {
        byte[] frame = socket.recv(0);
        if (frame == null) {
            throw new RpcException("zeromq: " + call + " failed: no answer within " + timeoutMillis + " ms ("
                    + RpcSettings.CALL_TIMEOUT_MS + ")");
        }
        if (ZeroMqProtocol.isMarker(frame, ZeroMqProtocol.HICCUP)) {
            throw new RpcException("zeromq: " + call + " failed: the connection to the server dropped"
                    + " (server gone, or it refused a message above its maximum size)");
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

    private byte[] expect(String call, byte kind) {
        byte[] header = receiveHeader(call);
        if (ZeroMqProtocol.kind(header) != kind) {
            throw new RpcException("zeromq: " + call + " got reply kind " + ZeroMqProtocol.kind(header));
        }
        return header;
    }

    /** Tells the server to stop producing; the sink's exception is what the caller sees. */
    private void abandonStream() {
        try {
            socket.send(ZeroMqProtocol.header(ZeroMqProtocol.CANCEL, 0), ZMQ.DONTWAIT);
        } catch (ZMQException e) {
            // The connection is marked unusable anyway; teardown closes it and the server notices.
        }
    }

    private void checkUsable(String call) {
        if (socket == null || brokenBy != null) {
            throw new RpcException("zeromq: " + call + " on a client that is "
                    + (socket == null ? "not set up" : "unusable after " + brokenBy));
        }
    }

    /** Marks the client unusable; ZeroMQ errors become RpcException, a sink's own exception passes. */
    private RuntimeException failed(String call, RuntimeException e) {
        if (brokenBy == null) {
            brokenBy = "a failed " + call;
        }
        if (e instanceof ZMQException z) {
            return new RpcException("zeromq: " + call + " failed: " + z.getMessage(), z);
        }
        return e;
    }
}
