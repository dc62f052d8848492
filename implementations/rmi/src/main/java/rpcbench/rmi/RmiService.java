package rpcbench.rmi;

import java.rmi.Remote;
import java.rmi.RemoteException;

/**
 * The remote interface of the rpc-bench RMI server, bound in its registry under {@link #NAME}.
 *
 * <p>Argument types are kept to what the contract needs (ints and one {@code byte[]}), so that the
 * server's deserialization filter ({@link RmiFilter}) can admit {@code byte[]} alone and reject
 * every class. Streams use the object-RPC idiom of a remote iterator: {@link #openStream} exports
 * one {@link ValueStream} per stream, which the client pulls in batches.
 */
interface RmiService extends Remote {

    /** The registry name of the service. */
    String NAME = "rpcbench";

    /** Returns {@code value + 1}. */
    int simpleCall(int value) throws RemoteException;

    /** Returns {@code payload} unchanged; the filter refuses arrays longer than the maximum message size. */
    byte[] echo(byte[] payload) throws RemoteException;

    /**
     * Starts a stream of the values {@code 0 .. count-1}; returns a remote iterator over them, or
     * {@code null} when {@code count <= 0} (nothing to iterate, nothing exported).
     */
    ValueStream openStream(int count) throws RemoteException;

    /**
     * One stream's remaining values, held by the server as a position, not as a queue: values are
     * produced only when pulled, which is the stream's backpressure. The server unexports it after
     * the last value, on {@link #close()}, or when the client's DGC lease lapses.
     */
    interface ValueStream extends Remote {

        /**
         * Returns the next values in order: at least one and at most {@code max} (the server also
         * caps a batch), never more than remain. Throws once the stream has ended.
         */
        int[] next(int max) throws RemoteException;

        /** Abandons the stream; the server releases it at once. */
        void close() throws RemoteException;
    }
}
