package rpcbench.rmi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.util.function.IntConsumer;

import javax.net.ssl.SSLContext;

import rpcbench.api.CallersOwn;
import rpcbench.api.CallAuth;
import rpcbench.api.ClientHealth;
import rpcbench.api.Endpoint;
import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderSummary;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Setting;
import rpcbench.api.TransferReceipt;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsTrust;

/**
 * One RMI stub of the rpc-bench service, looked up in the server's registry; the calling thread
 * makes each call itself (JRMP is synchronous on the caller's thread).
 *
 * <p>Connections: RMI pools them per endpoint in the JVM, not per stub. A call takes an idle
 * pooled connection or opens a new one, and returns it to the pool afterwards; idle ones are
 * closed after {@code sun.rmi.transport.connectionTimeout} (default 15 s). So N threads calling
 * at once use N connections, each reused call after call; "one connection per client" holds for
 * RMI only in that sense, and {@link #teardown()} drops the stub but cannot close the pooled
 * sockets its calls used (RMI has no call for that; its daemon reaper closes them once idle); over
 * TLS it closes its registry lookup's own connection, which no other client can reuse.
 *
 * <p>Streams pull a {@link RmiService.ValueStream} in batches of {@link #STREAM_BATCH} values and
 * hand each batch's values to the sink as the batch arrives; chunked transfers push to or pull from
 * a remote session object ({@link RmiTransfers}).
 *
 * <p>No {@link rpcbench.api.AsyncCalls}: an RMI stub call blocks its thread until the reply
 * ({@link RmiTransport#whyNoAsyncCalls()}).
 */
final class RmiClient implements RpcImplementation {

    /**
     * Values a stream asks for per pull. Default 1024 (4 KiB of ints): a 1000-value stream is one
     * pull, and a consumer sees its first values after one batch. The server caps a batch at
     * {@link RmiServiceImpl#MAX_BATCH}.
     */
    static final Setting<Integer> STREAM_BATCH = Setting.positiveInt("rpcbench.rmi.stream.batch", 1024,
            "values an rmi stream pulls per remote call");

    private final RpcSettings settings;
    private final int batch;
    private final ClientHealth health = new ClientHealth("rmi");
    private RmiService service;
    private RmiClientSockets.Routes routes;
    private RmiClientSockets lookupSockets; // this client's own (its registry lookup's), closed at teardown

    RmiClient(RpcSettings settings) {
        this.settings = settings;
        this.batch = settings.get(STREAM_BATCH);
    }

    @Override
    public void setup(Endpoint server) throws IOException {
        SSLContext tls = Tls.on(settings) ? TlsTrust.clientContext(settings) : null;
        routes = RmiClientSockets.route(server, settings.callTimeoutMillis(), tls);
        lookupSockets = new RmiClientSockets(tls);
        Registry registry = LocateRegistry.getRegistry(server.host(), server.port(), lookupSockets);
        try {
            java.rmi.Remote found = registry.lookup(RmiService.NAME);
            byte[] token = CallAuth.clientToken(settings);
            service = token == null ? (RmiService) found : RmiTokenCalls.of(found, token, server);
        } catch (NotBoundException e) {
            throw new IOException("rmi: the registry at " + server + " has no '" + RmiService.NAME + "'", e);
        } catch (RemoteException e) {
            throw new IOException("rmi: lookup in the registry at " + server + " failed: " + e.getMessage(), e);
        }
        health.connected();
        if (simpleCall(0) != 1) {
            throw new IOException("rmi server at " + server + " answered the first call wrongly");
        }
    }

    @Override
    public int simpleCall(int value) {
        checkUsable("simpleCall");
        try {
            return service.simpleCall(value);
        } catch (RemoteException e) {
            throw failed("simpleCall", e);
        }
    }

    @Override
    public byte[] echo(byte[] payload) {
        checkUsable("echo");
        checkSize("echo", payload.length);
        try {
            return service.echo(payload);
        } catch (RemoteException e) {
            throw failed("echo", e);
        }
    }

    @Override
    public OrderSummary message(Order order, MessageCodec codec) {
        MessageCodec.check("rmi", codec, RmiTransport.CODECS);
        checkUsable("message");
        try {
            return service.message(order);
        } catch (RemoteException e) {
            throw failed("message", e);
        }
    }

    @Override
    public long upload(byte[] payload) {
        checkUsable("upload");
        checkSize("upload", payload.length);
        try {
            return service.upload(payload);
        } catch (RemoteException e) {
            throw failed("upload", e);
        }
    }

    @Override
    public byte[] download(int size) {
        settings.checkMessageSize("download size", size, 0);
        checkUsable("download");
        try {
            byte[] answer = service.download(size);
            if (answer.length != size) {
                throw failed("download", new RpcException("rmi: download of " + size + " bytes brought " + answer.length));
            }
            return answer;
        } catch (RemoteException e) {
            throw failed("download", e);
        }
    }

    @Override
    public TransferReceipt uploadStream(InputStream source, int chunkSize) throws IOException {
        settings.checkMessageSize("chunk size", chunkSize, 1);
        checkUsable("uploadStream");
        try {
            return RmiTransfers.uploadStream(service, source, chunkSize);
        } catch (CallersOwn e) {
            throw health.callersOwn("uploadStream", e);
        } catch (RemoteException e) {
            throw failed("uploadStream", e);
        } catch (RuntimeException e) {
            failed("uploadStream", e);
            throw e; // RpcException, or the caller's own source or sink failing
        }
    }

    @Override
    public long downloadStream(long totalBytes, int chunkSize, OutputStream sink) throws IOException {
        settings.checkTransfer(totalBytes, chunkSize);
        checkUsable("downloadStream");
        try {
            return RmiTransfers.downloadStream(service, totalBytes, chunkSize, sink);
        } catch (CallersOwn e) {
            throw health.callersOwn("downloadStream", e);
        } catch (RemoteException e) {
            throw failed("downloadStream", e);
        } catch (RuntimeException e) {
            failed("downloadStream", e);
            throw e; // RpcException, or the caller's own source or sink failing
        }
    }

    @Override
    public long streamValues(int count, IntConsumer sink) {
        checkUsable("streamValues");
        RmiService.ValueStream stream;
        try {
            stream = service.openStream(count);
        } catch (RemoteException e) {
            throw failed("streamValues", e);
        }
        long arrived = 0;
        try {
            while (stream != null && arrived < count) {
                int asked = (int) Math.min(batch, count - arrived);
                int[] values = stream.next(asked);
                if (values.length == 0 || values.length > asked) {
                    throw failed("streamValues", new RpcException("rmi: server sent " + values.length
                            + " values when asked for " + asked + " (" + arrived + " of " + count + " arrived)"));
                }
                for (int v : values) {
                    arrived++;
                    sink.accept(v);
                }
            }
            return arrived;
        } catch (RemoteException e) {
            throw failed("streamValues", e);
        } catch (RuntimeException e) {
            // The sink gave up (or the stream broke): tell the server to drop the stream now.
            // The sink's own exception passes through unchanged.
            RmiTransfers.closeQuietly(stream);
            throw e;
        }
    }

    @Override
    public void teardown() {
        health.tornDown();
        service = null;
        if (routes != null) {
            routes.close();
            routes = null;
        }
        if (lookupSockets != null) {
            lookupSockets.closeOwn();
            lookupSockets = null;
        }
    }

    private void checkSize(String call, int size) {
        settings.checkSendable("rmi", call, size);
    }

    private void checkUsable(String call) {
        health.checkUsable(call);
    }

    /** Marks the client unusable and turns a remote failure into an RpcException that says why. */
    private RpcException failed(String call, Exception e) {
        health.failed(call);
        if (e instanceof RpcException r) {
            return r;
        }
        String why = causedByTimeout(e)
                ? settings.noAnswerWithinTimeout()
                : e instanceof java.rmi.ServerException s && s.detail instanceof java.rmi.AccessException refused
                ? refused.getMessage() // a refused token: the server's one line, not RMI's nested two
                : e.getMessage();
        return new RpcException("rmi: " + call + " failed: " + why, e);
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
