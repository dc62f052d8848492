package rpcbench.rmi;

import java.rmi.Remote;
import java.rmi.RemoteException;

import rpcbench.api.Order;
import rpcbench.api.OrderSummary;

/**
 * The remote interface of the rpc-bench RMI server, bound in its registry under {@link #NAME}.
 *
 * <p>Argument types are kept to what the contract needs (ints, longs, one {@code byte[]}, and the
 * message records), so that the server's deserialization filter ({@link RmiFilter}) can admit
 * {@code byte[]} and those records alone and reject every other class. Streams and chunked transfers use the object-RPC idiom of a remote object per
 * session, exported by the server: {@link #openStream} and {@link #openDownload} return remote
 * iterators that the client pulls, {@link #openUpload} a remote sink that the client pushes chunks
 * to. Every call is synchronous, so each pull or push waits for the server: that is the
 * backpressure, and nothing is produced or queued ahead of it.
 */
interface RmiService extends Remote {

    /** The registry name of the service. */
    String NAME = "rpcbench";

    /** Returns {@code value + 1}. */
    int simpleCall(int value) throws RemoteException;

    /** Returns {@code payload} unchanged; the filter refuses arrays longer than the maximum message size. */
    byte[] echo(byte[] payload) throws RemoteException;

    /**
     * Returns the summary of {@code order} ({@link OrderSummary#of}); the order arrives by Java
     * serialization through the filter, which admits the message records and nothing else.
     */
    OrderSummary message(Order order) throws RemoteException;

    /**
     * Starts a stream of the values {@code 0 .. count-1}; returns a remote iterator over them, or
     * {@code null} when {@code count <= 0} (nothing to iterate, nothing exported).
     */
    ValueStream openStream(int count) throws RemoteException;

    /** Returns how many bytes {@code payload} held. */
    long upload(byte[] payload) throws RemoteException;

    /** Returns {@code size} bytes of the transfer pattern; size must lie in 0..the maximum message size. */
    byte[] download(int size) throws RemoteException;

    /** Starts a chunked upload; the client pushes chunks to the returned sink, then finishes it. */
    UploadSession openUpload() throws RemoteException;

    /**
     * Starts a chunked download of {@code totalBytes} of the transfer pattern in chunks of
     * {@code chunkSize} (1..the maximum message size); returns a remote iterator over the chunks, or
     * {@code null} when {@code totalBytes} is 0.
     */
    DownloadSession openDownload(long totalBytes, int chunkSize) throws RemoteException;

    /** A remote object of one client session, which the server unexports when the session ends. */
    interface Session extends Remote {

        /** Abandons the session; the server releases it at once. */
        void close() throws RemoteException;
    }

    /**
     * One stream's remaining values, held by the server as a position, not as a queue: values are
     * produced only when pulled, which is the stream's backpressure. The server unexports it after
     * the last value, on {@link #close()}, or when the client's DGC lease lapses.
     */
    interface ValueStream extends Session {

        /**
         * Returns the next values in order: at least one and at most {@code max} (the server also
         * caps a batch), never more than remain. Throws once the stream has ended.
         */
        int[] next(int max) throws RemoteException;
    }

    /**
     * The receiving end of one chunked upload: the server checksums each chunk as it arrives and
     * keeps nothing of it. Unexported by {@link #finish()}, {@link #close()} or a lapsed DGC lease.
     */
    interface UploadSession extends Session {

        /** Takes the next chunk (the filter refuses one above the maximum message size). */
        void write(byte[] chunk) throws RemoteException;

        /** Ends the upload; returns bytes, chunks and the CRC-32 of the bytes in order. */
        long[] finish() throws RemoteException;
    }

    /**
     * One chunked download's position: a chunk is produced only when pulled. Unexported after the
     * last chunk, on {@link #close()} or when the client's DGC lease lapses.
     */
    interface DownloadSession extends Session {

        /** Returns the next chunk (the last may be shorter); throws once the download has ended. */
        byte[] next() throws RemoteException;
    }
}
