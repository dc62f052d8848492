package rpcbench.zeromq;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

import rpcbench.api.tls.Tls;

/**
 * Watches a DEALER's connection attempts while setup waits for its first reply. ZeroMQ connects
 * lazily and retries a refused connection forever, so without this a client set up against a
 * port where nobody listens would only learn it from the call timeout. A socket monitor reports
 * ZMQ_EVENT_CONNECT_RETRIED when the operating system refused the connection (a retry after
 * ZMQ_EVENT_CONNECTED is a handshake timeout instead); on loopback a refusal means no server, so
 * setup fails at once. A failed security handshake (CURVE against a plaintext server or the
 * reverse, or a wrong server key) fails setup at once too, naming the cause. The monitor exists only during setup and costs the
 * call path nothing.
 */
final class ZeroMqConnectProbe implements AutoCloseable {

    /** inproc names are per context; a load pool has several sockets, hence a number per probe. */
    private static final String MONITOR = "inproc://rpcbench-zeromq-connect-monitor-";
    private static final AtomicLong PROBES = new AtomicLong();

    private final ZContext context;
    private final ZMQ.Socket watched;
    private final ZMQ.Socket events;
    private final ZMQ.Poller poller;
    private final int replyIndex;
    private final int eventIndex;

    /** Whether the watched socket uses CURVE security ({@link ZeroMqCurve}). */
    private final boolean curve;

    private ZeroMqConnectProbe(ZContext context, ZMQ.Socket watched, boolean curve) {
        this.context = context;
        this.watched = watched;
        this.curve = curve;
        String monitor = MONITOR + PROBES.incrementAndGet();
        watched.monitor(monitor, ZMQ.EVENT_CONNECTED | ZMQ.EVENT_CONNECT_RETRIED | ZMQ.EVENT_DISCONNECTED
                | ZMQ.HANDSHAKE_FAILED_PROTOCOL | ZMQ.HANDSHAKE_FAILED_NO_DETAIL | ZMQ.HANDSHAKE_FAILED_AUTH);
        events = context.createSocket(SocketType.PAIR);
        events.setLinger(0);
        events.connect(monitor); // before connect(), so that no event is missed
        poller = context.createPoller(2);
        replyIndex = poller.register(watched, ZMQ.Poller.POLLIN);
        eventIndex = poller.register(events, ZMQ.Poller.POLLIN);
    }

    /** Starts watching {@code socket}; call before it connects. */
    static ZeroMqConnectProbe watch(ZContext context, ZMQ.Socket socket, boolean curve) {
        return new ZeroMqConnectProbe(context, socket, curve);
    }

    /**
     * Returns when a reply can be received from the watched socket.
     *
     * @throws ConnectException when the connection was refused
     * @throws IOException      when no reply came within {@code timeoutMillis}
     */
    void awaitReply(String endpoint, int timeoutMillis) throws IOException {
        boolean connected = false;
        int disconnects = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (long left = timeoutMillis; left > 0;
                left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            poller.poll(left);
            if (poller.pollin(replyIndex)) {
                return;
            }
            for (ZEvent e; poller.pollin(eventIndex) && (e = ZEvent.recv(events, ZMQ.DONTWAIT)) != null; ) {
                // A retry after a connection was made is a handshake timeout, not a refusal.
                connected |= e.getEvent() == ZMonitor.Event.CONNECTED;
                if (e.getEvent() == ZMonitor.Event.CONNECT_RETRIED && !connected) {
                    throw new ConnectException("zeromq: connection to " + endpoint + " refused: no server listens there");
                }
                disconnects += e.getEvent() == ZMonitor.Event.DISCONNECTED ? 1 : 0;
                ZeroMqCurve.checkHandshake(e, disconnects, curve, endpoint);
            }

        }
        if (connected && !curve) { // what a CURVE server does to a plaintext client: it never answers, nor hangs up at once
            throw new IOException("zeromq: setup against " + endpoint + " failed: no answer within " + timeoutMillis
                    + " ms although connected: either the server uses CURVE security and this client does not (give the"
                    + " client -p tls=true), or the server is stalled");
        }
        if (curve) { // JeroMQ does not always report a mechanism mismatch: a NULL server may keep the connection silent
            throw new IOException("zeromq: setup against " + endpoint + " failed: no answer within " + timeoutMillis
                    + " ms: either the server does not use CURVE security and this client does (a server without -p"
                    + " tls=true), or -D" + Tls.TRUST + " is not that server's CURVE public key, or the server is stalled");
        }
        throw new IOException("zeromq: no answer from " + endpoint + " within " + timeoutMillis + " ms");
    }

    @Override
    public void close() {
        poller.close();
        watched.monitor(null, 0);
        events.close();
    }
}
