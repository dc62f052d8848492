package rpcbench.rmi;

import java.io.ObjectInputFilter;

import rpcbench.api.ServerLimits;
import rpcbench.codec.OrderFilter;

/**
 * The JEP 290 filter for every call into the rpc-bench RMI server: admits one {@code byte[]} of at
 * most the maximum message size per call, or one message ({@link OrderFilter}: the order records
 * and the JDK's serial form of their immutable lists and maps, within its depth, length and size
 * bounds), and rejects every other class, so that no gadget chain and no oversized array can be
 * deserialized.
 *
 * <p>It is passed to {@code UnicastRemoteObject.exportObject(obj, port, csf, ssf, filter)} for the
 * service and every session object (streams, uploads, downloads), so RMI installs it on the stream
 * that reads the call's arguments (before any argument is read). The contract's arguments are ints
 * and longs (read without deserialization) and one {@code byte[]} ({@code echo}, {@code upload}, and
 * each chunk pushed to an upload session), one object at depth 1, and one {@code Order}
 * ({@code message}); nothing else is needed, so the transfer operations added nothing to admit. Sessions travel from server to client only, as
 * results; the client never sends a remote object, so no stub class is admitted either.
 * ObjectInputStream consults the filter with the array length before it allocates the array, so an
 * oversized payload or chunk is refused without allocating it; an array above
 * {@link ServerLimits#UNCOUNTED_BYTES} is also refused when the server's budget for incomplete
 * messages cannot hold it, and otherwise counted in it until the remote method runs ({@link #arrived})
 * or the connection closes. The registry and RMI's distributed
 * garbage collector keep the JDK's own built-in filters ({@code sun.rmi.registry.registryFilter},
 * {@code sun.rmi.transport.dgcFilter}) at their defaults.
 */
final class RmiFilter implements ObjectInputFilter {

    /** One array per call, read at the top level (a message's bounds are {@link OrderFilter}'s). */
    static final int MAX_DEPTH = 1;

    /**
     * Objects read per call: the array, its class descriptor and the codebase annotation that RMI
     * writes with every class descriptor (null here), which ObjectInputStream counts as 3.
     */
    static final int MAX_REFERENCES = 3;

    private final int maxArrayLength;
    /** {@link #MAX_REFERENCES}, twice over when every call carries a token array before its own. */
    private final int maxReferences;
    /** The message call's classes and bounds, shared with the java codec. */
    private final ObjectInputFilter orders;
    private final ServerLimits limits;
    /** What the calling connection thread has taken from the budget for the array it is reading. */
    private final ThreadLocal<long[]> held = ThreadLocal.withInitial(() -> new long[1]);

    /**
     * @param maxArrayLength the largest {@code byte[]} admitted, normally the maximum message size
     * @param limits         whose budget an array above {@link ServerLimits#UNCOUNTED_BYTES} is taken from
     */
    RmiFilter(int maxArrayLength, ServerLimits limits) {
        this(maxArrayLength, limits, false);
    }

    /** @param tokens whether every call's first argument is a token array ({@link RmiAuthService}) */
    RmiFilter(int maxArrayLength, ServerLimits limits, boolean tokens) {
        this.maxArrayLength = maxArrayLength;
        this.maxReferences = tokens ? 2 * MAX_REFERENCES : MAX_REFERENCES;
        this.orders = OrderFilter.create(maxArrayLength);
        this.limits = limits;
    }

    /**
     * The array of this thread's call has arrived whole (the remote method runs), or its connection
     * closed: what it took from the budget goes back.
     */
    void arrived() {
        long[] taken = held.get();
        limits.release(taken[0]);
        taken[0] = 0;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type != byte[].class) {
            // A message's classes, or a check of the limits alone (a back reference): the order
            // filter decides; what it leaves undecided (a class it does not name) is rejected.
            Status status = orders.checkInput(info);
            return status == Status.ALLOWED || (type == null && status != Status.REJECTED) ? Status.ALLOWED
                    : Status.REJECTED;
        }
        if (info.depth() > MAX_DEPTH || info.references() > maxReferences || info.arrayLength() > maxArrayLength) {
            return Status.REJECTED;
        }
        if (info.arrayLength() > 0) {
            // ObjectInputStream allocates the array before reading it: take its length from the budget.
            long taken = limits.reserve(info.arrayLength());
            if (taken < 0) {
                return Status.REJECTED;
            }
            held.get()[0] += taken;
        }
        return Status.ALLOWED;
    }

    @Override
    public String toString() {
        return "byte[] of at most " + maxArrayLength + " bytes, depth " + MAX_DEPTH + ", references "
                + maxReferences + ", or a message (" + orders + "), every other class rejected";
    }
}
