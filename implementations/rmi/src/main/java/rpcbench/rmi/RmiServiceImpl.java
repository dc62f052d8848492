package rpcbench.rmi;

import java.rmi.RemoteException;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;

import rpcbench.api.CallAuth;
import rpcbench.api.ServerWork;
import rpcbench.api.Order;
import rpcbench.api.OrderSummary;
import rpcbench.api.TransferPattern;

/**
 * The service object: the contract's calls, and the sessions ({@link RmiSessions}) that streams and
 * chunked transfers run in, all exported on the same port, factories and deserialization filter.
 * Calls run on RMI's own connection threads (one per connection), which is object-RPC's threading
 * model, so the methods do their work directly. Sizes that arrive as numbers (a download, a chunk
 * size) are checked here against the maximum message size; arrays that arrive are bounded by the
 * filter before they are allocated.
 */
final class RmiServiceImpl implements RmiService {

    /** Largest batch a stream hands out per pull: 64 Ki values, 256 KiB, far below the message limit. */
    static final int MAX_BATCH = 65_536;

    private final RmiSessions sessions;
    private final RmiFilter filter;
    private final int maxMessageBytes;
    private final int maxBatch;
    private final ServerWork work;
    /** The object exported: this, or the {@link RmiGuardedService} in front of it. */
    private java.rmi.Remote exported = this;

    RmiServiceImpl(int port, RMIClientSocketFactory clientSockets, RMIServerSocketFactory serverSockets,
            RmiFilter filter, int maxMessageBytes, ServerWork work) {
        this.sessions = new RmiSessions(port, clientSockets, serverSockets, filter);
        this.work = work;
        this.filter = filter;
        this.maxMessageBytes = maxMessageBytes;
        this.maxBatch = Math.max(1, Math.min(MAX_BATCH, maxMessageBytes / Integer.BYTES));
    }

    /** Exports the service; returns its stub for the registry. */
    RmiService export() throws RemoteException {
        return (RmiService) sessions.export(this);
    }

    /**
     * Exports the service behind {@code auth} ({@link RmiGuardedService}), whose stub has both the
     * plain and the token-taking interface; returns it for the registry.
     */
    RmiService export(CallAuth auth) throws RemoteException {
        if (!auth.required()) {
            return export();
        }
        exported = new RmiGuardedService(this, auth);
        return (RmiService) sessions.export(exported);
    }

    /** A call refused before it ran: what its array took from the budget goes back. */
    void refused() {
        filter.arrived();
    }

    @Override
    public int simpleCall(int value) {
        work.perform();
        return value + 1;
    }

    @Override
    public byte[] echo(byte[] payload) {
        filter.arrived();
        work.perform();
        return payload;
    }

    @Override
    public OrderSummary message(Order order) {
        return OrderSummary.of(order);
    }

    @Override
    public ValueStream openStream(int count) throws RemoteException {
        return count <= 0 ? null : sessions.open(sessions.new ValueStreamImpl(count, maxBatch), ValueStream.class);
    }

    @Override
    public long upload(byte[] payload) {
        filter.arrived();
        return payload.length;
    }

    @Override
    public byte[] download(int size) {
        if (size < 0 || size > maxMessageBytes) {
            throw new IllegalArgumentException("rmi server: download size " + size + " is outside 0.." + maxMessageBytes);
        }
        return TransferPattern.bytes(0, size);
    }

    @Override
    public UploadSession openUpload() throws RemoteException {
        return sessions.open(sessions.new UploadImpl(), UploadSession.class);
    }

    @Override
    public DownloadSession openDownload(long totalBytes, int chunkSize) throws RemoteException {
        if (totalBytes < 0 || chunkSize < 1 || chunkSize > maxMessageBytes) {
            throw new IllegalArgumentException("rmi server: download of " + totalBytes + " bytes in chunks of "
                    + chunkSize + ": chunk size outside 1.." + maxMessageBytes);
        }
        return totalBytes == 0 ? null
                : sessions.open(sessions.new DownloadImpl(totalBytes, chunkSize), DownloadSession.class);
    }

    /** Unexports the service and every open session. */
    void unexportAll() {
        sessions.releaseAll();
        RmiSessions.unexport(exported);
    }
}
