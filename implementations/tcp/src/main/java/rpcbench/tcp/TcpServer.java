package rpcbench.tcp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import rpcbench.api.CallAuth;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import rpcbench.api.MessageCodec;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerLimits;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.SharedPort;
import rpcbench.api.VirtualThreads;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsIdentity;
import rpcbench.api.tls.TlsLog;
import rpcbench.codec.Messages;

/**
 * Blocking server: one acceptor thread and one platform thread per connection, the classic design
 * whose request/reply latency is as close to the kernel's as Java gets; in the {@code virtual} mode
 * one virtual thread per connection instead (JDK 21). At most
 * {@link ServerLimits#SERVER_THREADS} connections are served at once (one more is closed at
 * accept), and an echo above {@link ServerLimits#UNCOUNTED_BYTES} takes its size from the server's
 * budget before it is allocated (ERROR, then the connection closes, when it cannot).
 */
final class TcpServer implements RpcServer {

    static final ServerMode THREAD = ServerMode.of("thread", "one platform thread per connection, blocking reads"
            + " and writes");
    static final ServerMode VIRTUAL = ServerMode.onVirtualThreads("virtual", "one virtual thread per connection"
            + " (Thread.ofVirtual()), blocking reads and writes");

    private final int maxMessageBytes;
    private final ServerWork work;
    private final boolean reusePort;
    private final long idleNanos;
    private final ServerLimits limits;
    private final CallAuth auth;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private final boolean tls;
    private TlsIdentity identity;

    TcpServer(RpcSettings settings, ServerMode mode) {
        tls = Tls.on(settings);
        maxMessageBytes = settings.maxMessageBytes();
        idleNanos = TimeUnit.MILLISECONDS.toNanos(settings.idleTimeoutMillis());
        limits = ServerLimits.of(settings);
        work = ServerWork.of(settings);
        reusePort = SharedPort.asked(settings);
        auth = CallAuth.server("tcp", settings);
        connections = mode == VIRTUAL ? limits.threadPool(VirtualThreads.factory("tcp-connection-"))
                : limits.threadPool("tcp-connection");
    }

    @Override
    public String clientTrust() {
        return identity == null ? null : identity.trustText();
    }

    @Override
    public int start(InetAddress address, int port) throws IOException {
        if (tls) { // the JDK's SSLServerSocket (SunJSSE); the handshake runs on each connection's own thread
            identity = TlsIdentity.generate(address);
            SSLServerSocket secure = (SSLServerSocket) identity.serverContext().getServerSocketFactory().createServerSocket();
            secure.setSSLParameters(Tls.only13(secure.getSSLParameters()));
            listener = secure;
        } else {
            listener = new ServerSocket();
        }
        listener.setReuseAddress(true);
        listener.setReceiveBufferSize(TcpProtocol.BUFFER_BYTES);
        if (reusePort) {
            listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        listener.bind(new InetSocketAddress(address, port), 128);
        Thread acceptor = new Thread(this::acceptLoop, "tcp-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                TcpProtocol.configure(socket);
                if (socket instanceof SSLSocket secure) {
                    secure.addHandshakeCompletedListener(h -> TlsLog.firstHandshake("tcp", "JDK SunJSSE", h.getSession()));
                }
                open.add(socket);
                try {
                    connections.execute(() -> serve(socket));
                } catch (RejectedExecutionException full) {
                    open.remove(socket);
                    socket.close(); // every thread busy: refused (ServerLimits.SERVER_THREADS)
                }
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("tcp server: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        TcpServerConnection connection = new TcpServerConnection(socket, idleNanos);
        try (socket;
             DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(),
                     TcpProtocol.BUFFER_BYTES));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(),
                     TcpProtocol.BUFFER_BYTES))) {
            TcpTransfers transfers = new TcpTransfers(in, out, connection, maxMessageBytes, limits);
            try {
                serve(in, out, connection, transfers);
            } finally {
                transfers.close();
            }
        } catch (SSLException e) {
            System.err.println("tcp server: TLS with " + socket.getRemoteSocketAddress() + " failed: " + e.getMessage());
        } catch (IOException e) {
            // The client went away mid-message; nothing to answer.
        } finally {
            connection.forget();
            open.remove(socket);
        }
    }

    private void serve(DataInputStream in, DataOutputStream out, TcpServerConnection connection,
                       TcpTransfers transfers) throws IOException {
        while (true) {
            int length;
            try {
                length = TcpProtocol.readLength(in, maxMessageBytes);
            } catch (EOFException e) {
                return; // the client closed the connection
            } catch (IOException e) {
                if (e instanceof SocketException) {
                    return;
                }
                TcpProtocol.writeError(out, e.getMessage());
                return;
            }
            byte kind = in.readByte();
            connection.advance();
            int bodyLength = length - 1;
            if ((kind & TcpProtocol.TOKEN_FLAG) != 0 || auth.required()) {
                bodyLength = checkToken(kind, bodyLength, in, out);
                if (bodyLength < 0) {
                    return; // refused: ERROR, then the connection closes
                }
                kind &= ~TcpProtocol.TOKEN_FLAG;
            }
            if (!answer(kind, bodyLength, in, out, connection) && !transfers.answer(kind, bodyLength)) {
                return;
            }
            out.flush();
        }
    }

    /**
     * Reads a request's token field, if its kind has one, and checks it before anything of the
     * request is done; returns the length of the body that follows, or -1 after refusing it.
     */
    private int checkToken(byte kind, int bodyLength, DataInputStream in, DataOutputStream out) throws IOException {
        byte[] token = null;
        int body = bodyLength;
        if ((kind & TcpProtocol.TOKEN_FLAG) != 0) {
            int n = body >= 1 ? in.readUnsignedByte() : -1;
            if (n < 0 || n + 1 > body) {
                TcpProtocol.writeError(out, "malformed request: a token field of " + n + " bytes in " + body);
                return -1;
            }
            token = in.readNBytes(n);
            body -= 1 + n;
        }
        String refused = auth.check(token);
        if (refused != null) {
            TcpProtocol.writeError(out, "unauthenticated: " + refused);
            return -1;
        }
        return body;
    }

    /** Answers a call, stream, echo or message; false when the request is none of those. */
    private boolean answer(byte kind, int bodyLength, DataInputStream in, DataOutputStream out,
            TcpServerConnection connection) throws IOException {
        switch (kind) {
            case TcpProtocol.SIMPLE -> {
                if (bodyLength != 4) {
                    break;
                }
                int value = in.readInt();
                work.perform();
                TcpProtocol.writeInt(out, TcpProtocol.SIMPLE, value + 1);
                return true;
            }
            case TcpProtocol.STREAM -> {
                if (bodyLength != 4) {
                    break;
                }
                int count = in.readInt();
                // Values go into the 64 KB buffer and leave whenever it fills; a client that stops
                // reading blocks this thread in write: TCP's own flow control is the backpressure.
                for (int v = 0; v < count; v++) {
                    TcpProtocol.writeInt(out, TcpProtocol.VALUE, v);
                    if ((v & 1023) == 0) {
                        connection.advance(); // a client that stops reading stops this
                    }
                }
                TcpProtocol.writeHeader(out, TcpProtocol.END, 8);
                out.writeLong(Math.max(count, 0));
                return true;
            }
            case TcpProtocol.ECHO -> {
                withBody(bodyLength, in, out, payload -> {
                    work.perform();
                    TcpProtocol.writeHeader(out, TcpProtocol.ECHO, payload.length);
                    out.write(payload);
                });
                return true;
            }
            case TcpProtocol.MESSAGE -> {
                if (bodyLength < 1) {
                    break;
                }
                withBody(bodyLength, in, out, request -> {
                    byte[] reply;
                    try {
                        reply = Messages.answer(MessageCodec.byId(request[0]), request, 1, request.length - 1);
                    } catch (IOException | IllegalArgumentException e) {
                        TcpProtocol.writeError(out, "message refused: " + e.getMessage());
                        throw new IOException("refused a message", e); // ERROR, then the connection closes
                    }
                    TcpProtocol.writeHeader(out, TcpProtocol.MESSAGE, reply.length);
                    out.write(reply);
                });
                return true;
            }
            default -> {
                // reported below
            }
        }
        return false;
    }

    /** What a request's body is used for while the budget holds its bytes. */
    private interface BodyUse {
        void accept(byte[] body) throws IOException;
    }

    /**
     * Reads a request's body and hands it to {@code use}; a size above {@link ServerLimits#UNCOUNTED_BYTES}
     * is taken from the server's budget until then (ERROR, then the connection closes, when it cannot be).
     */
    private void withBody(int bodyLength, DataInputStream in, DataOutputStream out, BodyUse use) throws IOException {
        long taken = limits.reserve(bodyLength);
        if (taken < 0) {
            TcpProtocol.writeError(out, limits.overBudget(bodyLength));
            throw new IOException("refused over the budget");
        }
        try {
            byte[] body = new byte[bodyLength];
            in.readFully(body);
            use.accept(body);
        } finally {
            limits.release(taken);
        }
    }

    @Override
    public void close() {
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        connections.shutdownNow();
        try {
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
