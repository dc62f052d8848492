package rpcbench.rmi;

import java.io.ObjectInputFilter;
import java.rmi.NoSuchObjectException;
import java.rmi.RemoteException;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.rmi.server.Unreferenced;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-side objects: the service and one {@link ValueStreamImpl} per open stream, all
 * exported on the same port, factories and deserialization filter. Calls run on RMI's own
 * connection threads (one per connection), which is object-RPC's threading model, so the methods
 * do their work directly.
 */
final class RmiServiceImpl implements RmiService {

    /** Largest batch a stream hands out per pull: 64 Ki values, 256 KiB, far below the message limit. */
    static final int MAX_BATCH = 65_536;

    private final int port;
    private final RMIClientSocketFactory clientSockets;
    private final RMIServerSocketFactory serverSockets;
    private final ObjectInputFilter filter;
    private final int maxBatch;
    private final Set<ValueStreamImpl> open = ConcurrentHashMap.newKeySet();

    RmiServiceImpl(int port, RMIClientSocketFactory clientSockets, RMIServerSocketFactory serverSockets,
            ObjectInputFilter filter, int maxMessageBytes) {
        this.port = port;
        this.clientSockets = clientSockets;
        this.serverSockets = serverSockets;
        this.filter = filter;
        this.maxBatch = Math.max(1, Math.min(MAX_BATCH, maxMessageBytes / Integer.BYTES));
    }

    /** Exports the service; returns its stub for the registry. */
    RmiService export() throws RemoteException {
        return (RmiService) UnicastRemoteObject.exportObject(this, port, clientSockets, serverSockets, filter);
    }

    @Override
    public int simpleCall(int value) {
        return value + 1;
    }

    @Override
    public byte[] echo(byte[] payload) {
        return payload;
    }

    @Override
    public ValueStream openStream(int count) throws RemoteException {
        if (count <= 0) {
            return null;
        }
        ValueStreamImpl stream = new ValueStreamImpl(count);
        open.add(stream);
        try {
            return (ValueStream) UnicastRemoteObject.exportObject(stream, port, clientSockets, serverSockets, filter);
        } catch (RemoteException | RuntimeException e) {
            open.remove(stream);
            throw e;
        }
    }

    /** Unexports the service and every open stream. */
    void unexportAll() {
        for (ValueStreamImpl stream : open) {
            stream.release();
        }
        unexport(this);
    }

    private static void unexport(java.rmi.Remote object) {
        try {
            UnicastRemoteObject.unexportObject(object, true);
        } catch (NoSuchObjectException e) {
            // already unexported
        }
    }

    /**
     * The position in one stream. Nothing is produced ahead of a pull, so a client that stops
     * pulling costs the server one small object until it closes the stream or its lease lapses.
     */
    private final class ValueStreamImpl implements ValueStream, Unreferenced {

        private final int count;
        private int next;

        ValueStreamImpl(int count) {
            this.count = count;
        }

        @Override
        public synchronized int[] next(int max) throws RemoteException {
            if (next >= count) {
                throw new RemoteException("rmi: stream of " + count + " values has already ended");
            }
            int n = Math.min(Math.min(Math.max(max, 1), maxBatch), count - next);
            int[] values = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = next + i;
            }
            next += n;
            if (next == count) {
                // The last batch: release now rather than costing the client a close() round trip.
                // A forced unexport lets this call finish and return its values.
                release();
            }
            return values;
        }

        @Override
        public void close() {
            release();
        }

        /** The client's DGC lease lapsed or every stub was collected without close(). */
        @Override
        public void unreferenced() {
            release();
        }

        void release() {
            if (open.remove(this)) {
                unexport(this);
            }
        }
    }
}
