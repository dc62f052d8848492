package rpcbench.zeromq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

import org.zeromq.ZContext;
import org.zeromq.ZMQException;

import rpcbench.api.AsyncCalls;
import rpcbench.api.CallersOwn;
import rpcbench.api.ClientHealth;
import rpcbench.api.Endpoint;
import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderSummary;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.TransferReceipt;
import rpcbench.codec.OrderCodec;
import rpcbench.api.tls.Tls;

/**
 * One DEALER socket in its own context (one JeroMQ I/O thread), so a client is one connection
 * whose I/O never queues behind another client's, and teardown ends everything it started. A
 * DEALER rather than REQ: it has no lock-step state machine to get stuck after a lost reply, and
 * it carries several calls in flight: {@link #simpleCallAsync} ({@link ZeroMqAsync}). Chunked
 * transfers are in {@link ZeroMqTransfers}, the socket's options and reading rules in {@link ZeroMqLink}.
 *
 * <p>Any failure marks the client unusable, since a late reply could otherwise be taken for the
 * answer to the next call; so does a source or sink that throws mid-transfer, whose remaining
 * chunks would otherwise be taken for the next call's reply.
 */
final class ZeroMqClient implements RpcImplementation, AsyncCalls {

    private final RpcSettings settings;
    private final int timeoutMillis;
    private final ClientHealth health = new ClientHealth("zeromq"); // async calls fail on a framework thread
    private ZContext context;
    private ZeroMqLink link;
    private ZeroMqAsync async;        // created by the first async call

    ZeroMqClient(RpcSettings settings) {
        this.settings = settings;
        this.timeoutMillis = settings.callTimeoutMillis();
    }

    @Override
    public void setup(Endpoint server) throws IOException {
        if (context != null) {
            throw new IllegalStateException("zeromq: setup called twice");
        }
        InetAddress address = InetAddress.getByName(server.host());
        context = new ZContext(1);
        link = new ZeroMqLink(context, address, settings);
        health.connected();
        String endpoint = ZeroMqProtocol.endpoint(address, Integer.toString(server.port()));
        try {
            try (ZeroMqConnectProbe probe = ZeroMqConnectProbe.watch(context, link.socket, Tls.on(settings))) {
                link.socket.connect(endpoint);
                link.send("setup", ZeroMqProtocol.header(ZeroMqProtocol.SIMPLE, 0), null);
                probe.awaitReply(endpoint, timeoutMillis);
            }
            if (ZeroMqProtocol.argument(link.expect("setup", ZeroMqProtocol.SIMPLE)) != 1) {
                throw new IOException("zeromq server at " + endpoint + " answered the first call wrongly");
            }
        } catch (IOException | RuntimeException e) {
            teardown();
            if (Tls.on(settings) && e instanceof RpcException && String.valueOf(e.getMessage()).contains("dropped")) {
                throw new IOException("zeromq: setup against " + endpoint + " failed: the server hung up during the CURVE"
                        + " handshake: the server does not use CURVE security and this client does, or -D" + Tls.TRUST
                        + " is not that server's CURVE public key", e);
            }
            throw e;
        }
    }

    @Override
    public int simpleCall(int value) {
        try {
            own("simpleCall");
            link.send("simpleCall", ZeroMqProtocol.header(ZeroMqProtocol.SIMPLE, value), null);
            return ZeroMqProtocol.argument(link.expect("simpleCall", ZeroMqProtocol.SIMPLE));
        } catch (RuntimeException e) {
            throw failed("simpleCall", e);
        }
    }

    @Override
    public long streamValues(int count, IntConsumer sink) {
        try {
            own("streamValues");
            boolean paced = Tls.on(settings); // CURVE: see ZeroMqProtocol.HWM
            link.send("streamValues", ZeroMqProtocol.header(paced ? ZeroMqProtocol.STREAM_PACED : ZeroMqProtocol.STREAM,
                    count), null);
            int batch = ZeroMqProtocol.grantBatch(ZeroMqProtocol.VALUE_WINDOW);
            int sinceGrant = 0;
            long expected = Math.max(count, 0);
            long arrived = 0;
            // Bounded: every pass consumes a value the server must still owe, or ends the stream.
            while (true) {
                byte[] header = link.receiveHeader("streamValues");
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
                    link.cancel();
                    throw e;
                }
                if (paced && ++sinceGrant == batch) {
                    sinceGrant = 0;
                    link.send("streamValues", ZeroMqProtocol.header(ZeroMqProtocol.CREDIT, batch), null);
                }
            }
        } catch (RuntimeException e) {
            throw failed("streamValues", e);
        }
    }

    @Override
    public byte[] echo(byte[] payload) {
        checkSendable("echo", payload);
        try {
            own("echo");
            link.send("echo", ZeroMqProtocol.header(ZeroMqProtocol.ECHO, payload.length), ByteBuffer.wrap(payload));
            return link.receivePayload("echo", ZeroMqProtocol.argument(link.expect("echo", ZeroMqProtocol.ECHO)));
        } catch (RuntimeException e) {
            throw failed("echo", e);
        }
    }

    @Override
    public OrderSummary message(Order order, MessageCodec codec) {
        OrderCodec c = OrderCodec.of(codec);
        byte[] body = c.encode(order); // before the call: a codec's failure leaves the connection usable
        checkSendable("message", body);
        try {
            own("message");
            link.send("message", ZeroMqProtocol.header(ZeroMqProtocol.MESSAGE, codec.ordinal()), ByteBuffer.wrap(body));
            byte[] reply = link.receivePayload("message",
                    ZeroMqProtocol.argument(link.expect("message", ZeroMqProtocol.MESSAGE)));
            return c.decode(reply, OrderSummary.class);
        } catch (RuntimeException e) {
            throw failed("message", e);
        }
    }

    @Override
    public long upload(byte[] payload) {
        checkSendable("upload", payload);
        try {
            own("upload");
            link.send("upload", ZeroMqProtocol.header(ZeroMqProtocol.UPLOAD, payload.length), ByteBuffer.wrap(payload));
            return ZeroMqProtocol.argument(link.expect("upload", ZeroMqProtocol.UPLOAD));
        } catch (RuntimeException e) {
            throw failed("upload", e);
        }
    }

    @Override
    public byte[] download(int size) {
        settings.checkMessageSize("download size", size, 0);
        try {
            own("download");
            link.send("download", ZeroMqProtocol.header(ZeroMqProtocol.DOWNLOAD, size), null);
            link.expect("download", ZeroMqProtocol.DOWNLOAD);
            return link.receivePayload("download", size);
        } catch (RuntimeException e) {
            throw failed("download", e);
        }
    }

    @Override
    public TransferReceipt uploadStream(InputStream source, int chunkSize) throws IOException {
        settings.checkMessageSize("chunk size", chunkSize, 1);
        try {
            own("uploadStream");
            return ZeroMqTransfers.upload(link, source, chunkSize);
        } catch (CallersOwn e) {
            throw abandoned("uploadStream", e);
        } catch (RuntimeException e) {
            throw failed("uploadStream", e);
        }
    }

    @Override
    public long downloadStream(long totalBytes, int chunkSize, OutputStream sink) throws IOException {
        settings.checkTransfer(totalBytes, chunkSize);
        try {
            own("downloadStream");
            return ZeroMqTransfers.download(link, totalBytes, chunkSize, sink);
        } catch (CallersOwn e) {
            throw abandoned("downloadStream", e);
        } catch (RuntimeException e) {
            throw failed("downloadStream", e);
        }
    }

    @Override
    public CompletableFuture<Integer> simpleCallAsync(int value) {
        checkUsable("simpleCallAsync");
        if (async == null) {
            async = new ZeroMqAsync(context, link.socket, link.token, timeoutMillis);
            link.async(async);
        }
        return async.call(value).whenComplete((answer, e) -> {
            if (e != null) {
                health.failed("simpleCallAsync");
            }
        });
    }

    @Override
    public void teardown() {
        health.tornDown();
        if (async != null) {
            async.close();
            async = null;
        }
        if (context != null) {
            context.close(); // closes the socket with linger 0, then ends the I/O and reaper threads
            context = null;
            link = null;
        }
    }

    /** The caller's own source or sink failed mid-transfer: stop it, mark the client, pass the exception on. */
    private IOException abandoned(String call, CallersOwn callersOwn) {
        link.cancel();
        return health.callersOwn(call, callersOwn);
    }

    /** Refused before sending anything, so the connection stays usable. */
    private void checkSendable(String call, byte[] payload) {
        settings.checkSendable("zeromq", call, payload.length);
    }

    /** Before a blocking call: the client is usable and its calling thread holds the DEALER. */
    private void own(String call) {
        checkUsable(call);
        if (async != null) {
            async.reclaim();
        }
    }

    private void checkUsable(String call) {
        health.checkUsable(call);
    }

    /** Marks the client unusable; ZeroMQ errors become RpcException, a sink's own exception passes. */
    private RuntimeException failed(String call, RuntimeException e) {
        health.failed(call);
        if (e instanceof ZMQException z) {
            return new RpcException("zeromq: " + call + " failed: " + z.getMessage(), z);
        }
        return e;
    }
}
