package rpcbench.tcp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import rpcbench.api.CallAuth;
import javax.net.ssl.SSLSocket;

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
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsTrust;
import rpcbench.codec.OrderCodec;

/**
 * One blocking socket with TCP_NODELAY; the calling thread writes the request and reads the reply
 * itself, so a call costs a write and a blocking read and nothing else. The call timeout is kept by
 * {@link TcpDeadlines}, which closes the socket of a call that stalls.
 */
final class TcpClient implements RpcImplementation, TcpDeadlines.Watched {

    private final RpcSettings settings;
    private final int timeoutMillis;
    private final int maxMessageBytes;
    private final ClientHealth health = new ClientHealth("tcp");
    /** The bearer token in every request frame (TcpProtocol.TOKEN_FLAG); null: none. */
    private final byte[] token;
    private Socket socket;
    private DataInputStream in;
    private DataOutputStream out;

    // Call progress for TcpDeadlines: written with plain/opaque stores on the call path (no fences),
    // read by the deadline thread. progress changes at every call start, value and call end.
    private static final VarHandle PROGRESS;
    private static final VarHandle IN_CALL;
    private long progress;
    private boolean inCall;
    private long lastSeenProgress = -1;
    private long stalledSince;
    private volatile boolean timedOut;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PROGRESS = lookup.findVarHandle(TcpClient.class, "progress", long.class);
            IN_CALL = lookup.findVarHandle(TcpClient.class, "inCall", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    TcpClient(RpcSettings settings) {
        this.settings = settings;
        this.timeoutMillis = settings.callTimeoutMillis();
        this.maxMessageBytes = settings.maxMessageBytes();
        this.token = CallAuth.clientToken(settings);
    }

    @Override
    public void setup(Endpoint server) throws IOException {
        socket = Tls.on(settings) ? TlsTrust.clientContext(settings).getSocketFactory().createSocket() : new Socket();
        TcpProtocol.configure(socket);
        socket.connect(new InetSocketAddress(server.host(), server.port()), timeoutMillis);
        if (socket instanceof SSLSocket secure) { // the handshake runs in the first call, under its deadline
            secure.setSSLParameters(Tls.only13(secure.getSSLParameters()));
        }
        TcpDeadlines.watch(this);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), TcpProtocol.BUFFER_BYTES));
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), TcpProtocol.BUFFER_BYTES));
        health.connected();
        if (simpleCall(0) != 1) {
            throw new IOException("tcp server at " + server + " answered the first call wrongly");
        }
    }

    @Override
    public int simpleCall(int value) {
        try {
            begin("simpleCall");
            TcpProtocol.writeRequestInt(out, token, TcpProtocol.SIMPLE, value);
            out.flush();
            expect(TcpProtocol.SIMPLE, 4);
            int answer = in.readInt();
            end();
            return answer;
        } catch (IOException | RuntimeException e) {
            throw failed("simpleCall", e);
        }
    }

    @Override
    public long streamValues(int count, IntConsumer sink) {
        try {
            begin("streamValues");
            TcpProtocol.writeRequestInt(out, token, TcpProtocol.STREAM, count);
            out.flush();
            long arrived = 0;
            while (true) {
                int length = TcpProtocol.readLength(in, maxMessageBytes);
                byte kind = in.readByte();
                if (kind == TcpProtocol.VALUE && length == 5) {
                    arrived++;
                    PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
                    sink.accept(in.readInt());
                } else if (kind == TcpProtocol.END && length == 9) {
                    long sent = in.readLong();
                    if (sent != arrived) {
                        throw new RpcException("tcp: server sent " + sent + " values but " + arrived + " arrived");
                    }
                    end();
                    return arrived;
                } else {
                    throw unexpected(kind, length);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw failed("streamValues", e);
        }
    }

    @Override
    public byte[] echo(byte[] payload) {
        try {
            begin("echo");
            TcpProtocol.writeRequestHeader(out, token, TcpProtocol.ECHO, payload.length);
            out.write(payload);
            out.flush();
            int length = expect(TcpProtocol.ECHO, -1);
            byte[] answer = new byte[length - 1];
            in.readFully(answer);
            end();
            return answer;
        } catch (IOException | RuntimeException e) {
            throw failed("echo", e);
        }
    }

    @Override
    public OrderSummary message(Order order, MessageCodec codec) {
        OrderCodec c = OrderCodec.of(codec);
        byte[] body = c.encode(order); // before the call: a codec's failure leaves the connection usable
        try {
            begin("message");
            TcpProtocol.writeRequestHeader(out, token, TcpProtocol.MESSAGE, 1 + body.length);
            out.writeByte(codec.ordinal());
            out.write(body);
            out.flush();
            byte[] answer = new byte[expect(TcpProtocol.MESSAGE, -1) - 1];
            in.readFully(answer);
            end();
            return c.decode(answer, OrderSummary.class);
        } catch (IOException | RuntimeException e) {
            throw failed("message", e);
        }
    }

    @Override
    public long upload(byte[] payload) {
        try {
            begin("upload");
            TcpProtocol.writeRequestHeader(out, token, TcpProtocol.UPLOAD, payload.length);
            out.write(payload);
            out.flush();
            expect(TcpProtocol.UPLOAD, 8);
            long count = in.readLong();
            end();
            return count;
        } catch (IOException | RuntimeException e) {
            throw failed("upload", e);
        }
    }

    @Override
    public byte[] download(int size) {
        settings.checkMessageSize("download size", size, 0);
        try {
            begin("download");
            TcpProtocol.writeRequestInt(out, token, TcpProtocol.DOWNLOAD, size);
            out.flush();
            int length = expect(TcpProtocol.DOWNLOAD, size);
            byte[] answer = new byte[length - 1];
            in.readFully(answer);
            end();
            return answer;
        } catch (IOException | RuntimeException e) {
            throw failed("download", e);
        }
    }

    @Override
    public TransferReceipt uploadStream(InputStream source, int chunkSize) throws IOException {
        settings.checkMessageSize("chunk size", chunkSize, 1);
        try {
            begin("uploadStream");
            byte[] chunk = new byte[chunkSize];
            int n;
            // Blocking writes: when the server reads slower, TCP's window stops this thread.
            while ((n = CallersOwn.read(source, chunk)) > 0) {
                TcpProtocol.writeRequestHeader(out, token, TcpProtocol.CHUNK, n);
                out.write(chunk, 0, n);
                PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
            }
            TcpProtocol.writeRequestHeader(out, token, TcpProtocol.UPLOADED, 0);
            out.flush();
            expect(TcpProtocol.UPLOADED, 24);
            TransferReceipt receipt = new TransferReceipt(in.readLong(), in.readLong(), in.readLong());
            end();
            return receipt;
        } catch (CallersOwn e) {
            throw health.callersOwn("uploadStream", e);
        } catch (IOException | RuntimeException e) {
            throw failed("uploadStream", e);
        }
    }

    @Override
    public long downloadStream(long totalBytes, int chunkSize, OutputStream sink) throws IOException {
        settings.checkTransfer(totalBytes, chunkSize);
        try {
            begin("downloadStream");
            TcpProtocol.writeRequestHeader(out, token, TcpProtocol.CHUNKS, 12);
            out.writeLong(totalBytes);
            out.writeInt(chunkSize);
            out.flush();
            byte[] chunk = new byte[(int) Math.min(chunkSize, Math.max(totalBytes, 1))];
            long arrived = 0;
            while (true) {
                int length = TcpProtocol.readLength(in, maxMessageBytes);
                byte kind = in.readByte();
                if (kind == TcpProtocol.CHUNK && length - 1 <= chunk.length) {
                    in.readFully(chunk, 0, length - 1);
                    arrived += length - 1;
                    PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
                    CallersOwn.write(sink, chunk, length - 1);
                } else if (kind == TcpProtocol.END && length == 9) {
                    long sent = in.readLong();
                    if (sent != arrived) {
                        throw new RpcException("tcp: server sent " + sent + " bytes but " + arrived + " arrived");
                    }
                    end();
                    return arrived;
                } else {
                    throw unexpected(kind, length);
                }
            }
        } catch (CallersOwn e) {
            throw health.callersOwn("downloadStream", e);
        } catch (IOException | RuntimeException e) {
            throw failed("downloadStream", e);
        }
    }

    @Override
    public void teardown() {
        health.tornDown();
        TcpDeadlines.unwatch(this);
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }

    /** Reads a reply header and checks its kind (and length, unless -1); returns the length. */
    private int expect(byte kind, int bodyLength) throws IOException {
        int length = TcpProtocol.readLength(in, maxMessageBytes);
        byte actual = in.readByte();
        if (actual != kind || (bodyLength >= 0 && length != bodyLength + 1)) {
            throw unexpected(actual, length);
        }
        return length;
    }

    private RpcException unexpected(byte kind, int length) throws IOException {
        if (kind == TcpProtocol.ERROR) {
            byte[] text = new byte[length - 1];
            in.readFully(text);
            return new RpcException("tcp server refused the request: " + new String(text, StandardCharsets.UTF_8));
        }
        return new RpcException("tcp: unexpected reply kind " + kind + " of length " + length);
    }

    private void begin(String call) {
        health.checkUsable(call);
        PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
        IN_CALL.setOpaque(this, true);
    }

    private void end() {
        IN_CALL.setOpaque(this, false);
    }

    /** Called by the deadline thread only: closes the socket of a call stalled for the timeout. */
    @Override
    public void checkStall(long nowNanos) {
        long seen = (long) PROGRESS.getOpaque(this);
        if (!(boolean) IN_CALL.getOpaque(this) || seen != lastSeenProgress) {
            lastSeenProgress = seen;
            stalledSince = nowNanos;
            return;
        }
        if (nowNanos - stalledSince >= TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
            timedOut = true;
            try {
                socket.close();
            } catch (IOException | RuntimeException e) {
                // the blocked reader fails either way
            }
        }
    }

    /**
     * Marks the connection unusable (its stream position is unknown after a failure) and turns
     * I/O errors into RpcException; a sink's own exception passes through unchanged.
     */
    private RuntimeException failed(String call, Exception e) {
        health.failed(call);
        if (e instanceof RpcException r) {
            return r;
        }
        if (e instanceof RuntimeException r) {
            return r;
        }
        IN_CALL.setOpaque(this, false);
        String why = timedOut || e instanceof SocketTimeoutException
                ? settings.noAnswerWithinTimeout()
                : "connection lost: " + e;
        return new RpcException("tcp: " + call + " failed: " + why, e);
    }
}
