package rpcbench.rmi;

import java.io.ObjectInputFilter;

/**
 * The JEP 290 filter for every call into the rpc-bench RMI server: admits one {@code byte[]} of at
 * most the maximum message size per call and rejects every class, so that no gadget chain and no
 * oversized array can be deserialized.
 *
 * <p>It is passed to {@code UnicastRemoteObject.exportObject(obj, port, csf, ssf, filter)} for the
 * service and every session object (streams, uploads, downloads), so RMI installs it on the stream
 * that reads the call's arguments (before any argument is read). The contract's arguments are ints
 * and longs (read without deserialization) and one {@code byte[]} ({@code echo}, {@code upload}, and
 * each chunk pushed to an upload session), one object at depth 1; nothing else is needed, so the
 * transfer operations added nothing to admit. Sessions travel from server to client only, as
 * results; the client never sends a remote object, so no stub class is admitted either.
 * ObjectInputStream consults the filter with the array length before it allocates the array, so an
 * oversized payload or chunk is refused without allocating it. The registry and RMI's distributed
 * garbage collector keep the JDK's own built-in filters ({@code sun.rmi.registry.registryFilter},
 * {@code sun.rmi.transport.dgcFilter}) at their defaults.
 */
final class RmiFilter implements ObjectInputFilter {

    /** One array per call, read at the top level. */
    static final int MAX_DEPTH = 1;

    /**
     * Objects read per call: the array, its class descriptor and the codebase annotation that RMI
     * writes with every class descriptor (null here), which ObjectInputStream counts as 3.
     */
    static final int MAX_REFERENCES = 3;

    private final int maxArrayLength;

    /** @param maxArrayLength the largest {@code byte[]} admitted, normally the maximum message size */
    RmiFilter(int maxArrayLength) {
        this.maxArrayLength = maxArrayLength;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.arrayLength() > maxArrayLength) {
            return Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            // A check of the limits alone (for example a back reference); they passed above.
            return Status.ALLOWED;
        }
        return type == byte[].class ? Status.ALLOWED : Status.REJECTED;
    }

    @Override
    public String toString() {
        return "byte[] of at most " + maxArrayLength + " bytes, depth " + MAX_DEPTH + ", references "
                + MAX_REFERENCES + ", every class rejected";
    }
}
