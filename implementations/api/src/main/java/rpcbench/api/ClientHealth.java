package rpcbench.api;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The rule every client keeps: a connection is usable only between a successful connect and its
 * first failure or teardown. After a failure its position in the protocol is unknown (a late reply
 * could be taken for the answer to the next call), so every later call fails at once, naming the
 * first cause: {@code "<transport>: <call> on a connection that is unusable after a failed echo"}.
 *
 * <p>Thread-safe: a failure may be recorded on a framework thread (an async call's callback) while
 * the owner calls; the first cause recorded wins. {@link #checkUsable} is one volatile read and
 * allocates nothing while the connection is usable, so it costs the call path no fence on x86 or
 * ARM (a volatile read is a plain load there, or a load-acquire).
 */
public final class ClientHealth {

    /** The state before {@link #connected()}: compared by identity, never shown. */
    private static final String NOT_SET_UP = new String("not set up");
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ClientHealth.class, "state", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String transport;
    /** {@link #NOT_SET_UP}, null while usable, or what made it unusable. */
    @SuppressWarnings("unused") // through STATE
    private volatile String state = NOT_SET_UP;

    /** @param transport the transport's name, which starts every message */
    public ClientHealth(String transport) {
        this.transport = transport;
    }

    /** The connection is open (its first round trip may still fail): calls may begin. */
    public void connected() {
        STATE.compareAndSet(this, NOT_SET_UP, null);
    }

    /**
     * Before a call.
     *
     * @throws RpcException when the connection is not set up or already unusable
     */
    public void checkUsable(String call) {
        String s = state;
        if (s != null) {
            throw new RpcException(transport + ": " + call + " on a connection that is "
                    + (s == NOT_SET_UP ? "not set up" : "unusable after " + s));
        }
    }

    /** Whether a call may begin. */
    public boolean isUsable() {
        return state == null;
    }

    /** Whether a cause has been recorded ({@link #broke}, {@link #failed}, {@link #tornDown}). */
    public boolean isBroken() {
        String s = state;
        return s != null && s != NOT_SET_UP;
    }

    /** Marks the connection unusable because of {@code cause}, unless an earlier cause was recorded. */
    public void broke(String cause) {
        for (String s = state; s == null || s == NOT_SET_UP; s = state) {
            if (STATE.compareAndSet(this, s, cause)) {
                return;
            }
        }
    }

    /** {@link #broke} with {@code a failed <call>}. */
    public void failed(String call) {
        if (!isBroken()) {
            broke("a failed " + call);
        }
    }

    /** {@link #broke} with {@code teardown}; a failure recorded before stays the cause shown. */
    public void tornDown() {
        broke("teardown");
    }

    /**
     * The caller's own source or sink failed during {@code call} ({@link CallersOwn}): the transfer
     * is abandoned half-way, so the connection is unusable; returns the caller's exception to rethrow.
     */
    public IOException callersOwn(String call, CallersOwn e) {
        failed(call);
        return e.getCause();
    }

    /** The first cause, or null while usable or not set up. */
    public String cause() {
        String s = state;
        return s == NOT_SET_UP ? null : s;
    }
}
