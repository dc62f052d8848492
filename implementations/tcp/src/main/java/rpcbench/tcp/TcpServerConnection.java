package rpcbench.tcp;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;

import rpcbench.api.RpcSettings;

/**
 * One accepted connection as {@link TcpDeadlines} sees it: the serving thread counts progress (a
 * message read, a batch of stream values or a chunk written) with opaque stores, and a connection
 * without progress for {@link RpcSettings#IDLE_TIMEOUT_MS} is closed, whether its client went
 * quiet, vanished, stopped half-way through a message, or stopped reading a stream. A blocking read
 * without SO_TIMEOUT stays one system call on the serving path.
 */
final class TcpServerConnection implements TcpDeadlines.Watched {

    private static final VarHandle PROGRESS;
    private final Socket socket;
    private final long idleNanos;
    private long progress;
    private long lastSeenProgress = -1;
    private long quietSince;

    static {
        try {
            PROGRESS = MethodHandles.lookup().findVarHandle(TcpServerConnection.class, "progress", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    TcpServerConnection(Socket socket, long idleNanos) {
        this.socket = socket;
        this.idleNanos = idleNanos;
        TcpDeadlines.watch(this);
    }

    /** Called by the serving thread whenever the connection moves. */
    void advance() {
        PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
    }

    /** Called when the connection ends, whatever the reason. */
    void forget() {
        TcpDeadlines.unwatch(this);
    }

    @Override
    public void checkStall(long nowNanos) {
        long seen = (long) PROGRESS.getOpaque(this);
        if (seen != lastSeenProgress) {
            lastSeenProgress = seen;
            quietSince = nowNanos;
        } else if (nowNanos - quietSince >= idleNanos) {
            TcpDeadlines.unwatch(this);
            try {
                socket.close(); // ends the serving thread's blocked read or write
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
