package rpcbench.zeromq;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import rpcbench.api.CallPool;
import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;
import rpcbench.api.tls.Tls;

/**
 * Open-loop load over N DEALER sockets in one context (one JeroMQ I/O thread), all owned by the
 * load generator's thread: it sends each ASYNC_SIMPLE request itself (with DONTWAIT, so a full
 * pipe is a failed call, never a wait) and, while it waits for the next send time, polls the N
 * sockets and completes the answers, as a plain JeroMQ client with many sockets would. Each call
 * is bounded by the call timeout, checked while polling.
 */
final class ZeroMqCallPool implements CallPool {

    /** One call in flight. */
    private record Pending(int connection, Outcome outcome, long startedNanos) {
    }

    /** A short park: Linux wakes a parked thread some 50-60 us late at best, which bounds how late an answer is read. */
    private static final long SHORT_PARK_NANOS = 20_000;

    private final ZContext context = new ZContext(1);
    private final List<ZeroMqLink> links = new ArrayList<>();
    private final Map<Long, Pending> pending = new LinkedHashMap<>(); // oldest first: ids only grow
    private final long timeoutNanos;
    private final int timeoutMillis;
    private ZMQ.Poller poller;
    private long lastId;
    private long nextExpiryCheck;

    private ZeroMqCallPool(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** {@code connections} DEALERs connected to {@code server}, each checked with one call. */
    static ZeroMqCallPool connect(RpcSettings settings, Endpoint server, int connections) throws IOException {
        ZeroMqCallPool pool = new ZeroMqCallPool(settings.callTimeoutMillis());
        try {
            InetAddress address = InetAddress.getByName(server.host());
            String endpoint = ZeroMqProtocol.endpoint(address, Integer.toString(server.port()));
            pool.poller = pool.context.createPoller(connections);
            for (int i = 0; i < connections; i++) {
                ZeroMqLink link = new ZeroMqLink(pool.context, address, settings);
                pool.links.add(link);
                try (ZeroMqConnectProbe probe = ZeroMqConnectProbe.watch(pool.context, link.socket, Tls.on(settings))) {
                    link.socket.connect(endpoint);
                    link.send("setup", ZeroMqProtocol.header(ZeroMqProtocol.SIMPLE, 0), null);
                    probe.awaitReply(endpoint, pool.timeoutMillis);
                }
                if (ZeroMqProtocol.argument(link.expect("setup", ZeroMqProtocol.SIMPLE)) != 1) {
                    throw new IOException("zeromq server at " + endpoint + " answered the first call wrongly");
                }
                pool.poller.register(link.socket, ZMQ.Poller.POLLIN);
            }
            return pool;
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public void start(int connection, int value, Outcome outcome) {
        long id = ++lastId;
        ZMQ.Socket dealer = links.get(connection).socket;
        boolean sent;
        try {
            byte[] header = ZeroMqProtocol.withToken(ZeroMqProtocol.header(ZeroMqProtocol.ASYNC_SIMPLE, value),
                    links.get(connection).token);
            sent = dealer.send(header, ZMQ.SNDMORE | ZMQ.DONTWAIT)
                    && dealer.send(ZeroMqProtocol.longs(id), ZMQ.DONTWAIT);
        } catch (ZMQException e) {
            sent = false;
        }
        if (!sent) {
            outcome.completed(0, new RpcException("zeromq: simpleCall refused: the send queue is at its high-water mark"));
            return;
        }
        pending.put(id, new Pending(connection, outcome, System.nanoTime()));
    }

    @Override
    public void runUntil(long deadlineNanos) {
        long now;
        while ((now = System.nanoTime()) < deadlineNanos) {
            long left = deadlineNanos - now;
            // The poller waits in whole milliseconds (and tends to overshoot by one); closer to the
            // deadline this thread looks, then parks briefly: spinning would starve JeroMQ's I/O
            // thread on the same CPU, and a long park would read answers late.
            long waitMillis = Math.max(0, left / 1_000_000 - 1);
            int ready = poller.poll(waitMillis);
            for (int i = 0; i < links.size() && ready > 0; i++) {
                if (poller.pollin(i)) {
                    drain(i);
                }
            }
            if (ready <= 0 && waitMillis == 0) {
                LockSupport.parkNanos(Math.min(SHORT_PARK_NANOS, deadlineNanos - System.nanoTime()));
            }
            failExpired(System.nanoTime());
        }
    }

    /** Completes every answer waiting on connection {@code c}. */
    private void drain(int c) {
        ZMQ.Socket dealer = links.get(c).socket;
        byte[] frame;
        while ((frame = dealer.recv(ZMQ.DONTWAIT)) != null) {
            if (ZeroMqProtocol.isMarker(frame, ZeroMqProtocol.HICCUP)) {
                failConnection(c, new RpcException("zeromq: the connection to the server dropped"));
            } else if (ZeroMqProtocol.isHeader(frame) && ZeroMqProtocol.kind(frame) == ZeroMqProtocol.ASYNC_SIMPLE
                    && dealer.hasReceiveMore()) {
                byte[] id = dealer.recv(0);
                Pending call = id != null && id.length == 8 ? pending.remove(ByteBuffer.wrap(id).getLong()) : null;
                if (call != null) {
                    call.outcome().completed(ZeroMqProtocol.argument(frame), null);
                } // else: the late answer of a call that timed out
            } else {
                while (dealer.hasReceiveMore()) {
                    dealer.recv(0); // an answer nobody waits for
                }
            }
        }
    }

    /** Fails the calls older than the call timeout; looks at most every millisecond. */
    private void failExpired(long now) {
        if (now < nextExpiryCheck) {
            return;
        }
        nextExpiryCheck = now + 1_000_000;
        Iterator<Pending> oldest = pending.values().iterator();
        while (oldest.hasNext()) {
            Pending p = oldest.next();
            if (now - p.startedNanos() < timeoutNanos) {
                return;
            }
            oldest.remove();
            p.outcome().completed(0, new RpcException("zeromq: simpleCall got no answer within " + timeoutMillis
                    + " ms (" + RpcSettings.CALL_TIMEOUT_MS + ")"));
        }
    }

    private void failConnection(int c, RpcException why) {
        Iterator<Pending> all = pending.values().iterator();
        while (all.hasNext()) {
            Pending p = all.next();
            if (p.connection() == c) {
                all.remove();
                p.outcome().completed(0, why);
            }
        }
    }

    @Override
    public String describe() {
        return links.size() + " DEALER socket(s) in one context (one JeroMQ I/O thread), owned and polled by the load"
                + " generator's thread";
    }

    @Override
    public void close() {
        List<Pending> left = new ArrayList<>(pending.values());
        pending.clear();
        left.forEach(p -> p.outcome().completed(0, new RpcException("zeromq: the pool was closed")));
        if (poller != null) {
            poller.close();
        }
        context.close();
    }
}
