package rpcbench.rmi;

import java.rmi.NoSuchObjectException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.rmi.server.Unreferenced;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

import rpcbench.api.TransferPattern;

/**
 * The server's per-client session objects (value streams, chunked uploads and downloads), each
 * exported on the service's port, factories and deserialization filter, and released (unexported)
 * when it ends, when the client closes it, or when the client's DGC lease lapses (a client that
 * died). Nothing is produced ahead of a pull or buffered after a push, so an abandoned session costs
 * the server one small object and, for a download, one chunk buffer.
 */
final class RmiSessions {

    private final int port;
    private final RMIClientSocketFactory clientSockets;
    private final RMIServerSocketFactory serverSockets;
    private final RmiFilter filter;
    private final Set<Session> open = ConcurrentHashMap.newKeySet();

    RmiSessions(int port, RMIClientSocketFactory clientSockets, RMIServerSocketFactory serverSockets,
            RmiFilter filter) {
        this.port = port;
        this.clientSockets = clientSockets;
        this.serverSockets = serverSockets;
        this.filter = filter;
    }

    /** Exports {@code object} like every object of this server and returns its stub. */
    Remote export(Remote object) throws RemoteException {
        return UnicastRemoteObject.exportObject(object, port, clientSockets, serverSockets, filter);
    }

    /** Exports a new session and returns its stub, typed as the session's remote interface. */
    <T extends RmiService.Session> T open(Session session, Class<T> type) throws RemoteException {
        open.add(session);
        try {
            return type.cast(export(session));
        } catch (RemoteException | RuntimeException e) {
            open.remove(session);
            throw e;
        }
    }

    /** Releases every open session (server shutdown). */
    void releaseAll() {
        for (Session session : open) {
            session.release();
        }
    }

    static void unexport(Remote object) {
        try {
            UnicastRemoteObject.unexportObject(object, true);
        } catch (NoSuchObjectException e) {
            // already unexported
        }
    }

    /** What every session shares: it ends once, however it ends. */
    abstract class Session implements RmiService.Session, Unreferenced {

        @Override
        public void close() {
            release();
        }

        /** The client's DGC lease lapsed or every stub was collected without close(). */
        @Override
        public void unreferenced() {
            release();
        }

        /**
         * Unexports the session. Called from within its own last call too: a forced unexport lets that
         * call finish and return its result.
         */
        final void release() {
            if (open.remove(this)) {
                unexport(this);
            }
        }
    }

    /** The values {@code 0 .. count-1}, handed out in batches of at most {@code maxBatch}. */
    final class ValueStreamImpl extends Session implements RmiService.ValueStream {

        private final int count;
        private final int maxBatch;
        private int next;

        ValueStreamImpl(int count, int maxBatch) {
            this.count = count;
            this.maxBatch = maxBatch;
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
                release(); // rather than costing the client a close() round trip
            }
            return values;
        }
    }

    /** Counts and checksums the chunks pushed to it; keeps none of them. */
    final class UploadImpl extends Session implements RmiService.UploadSession {

        private final CRC32 crc = new CRC32();
        private long bytes;
        private long chunks;

        @Override
        public synchronized void write(byte[] chunk) {
            filter.arrived();
            crc.update(chunk);
            bytes += chunk.length;
            chunks++;
        }

        @Override
        public synchronized long[] finish() {
            release();
            return new long[] {bytes, chunks, crc.getValue()};
        }
    }

    /** The transfer pattern in chunks, each filled when pulled. */
    final class DownloadImpl extends Session implements RmiService.DownloadSession {

        private final long total;
        private final byte[] chunk;
        private long sent;

        DownloadImpl(long total, int chunkSize) {
            this.total = total;
            this.chunk = new byte[(int) Math.min(chunkSize, total)];
        }

        /**
         * Returns the one reused chunk buffer (a new array only for a shorter last chunk). RMI
         * serializes the result before this call's reply is complete, and the client asks for the
         * next chunk only after that reply, so the buffer is free again by the next pull (a foreign
         * client pulling one session from two threads at once could only garble its own chunks).
         */
        @Override
        public synchronized byte[] next() throws RemoteException {
            if (sent >= total) {
                throw new RemoteException("rmi: download of " + total + " bytes has already ended");
            }
            int n = (int) Math.min(chunk.length, total - sent);
            byte[] result = n == chunk.length ? chunk : new byte[n];
            TransferPattern.fill(result, 0, n, sent);
            sent += n;
            if (sent == total) {
                release();
            }
            return result;
        }
    }
}
