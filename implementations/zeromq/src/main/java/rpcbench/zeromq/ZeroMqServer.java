package rpcbench.zeromq;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import rpcbench.api.CallAuth;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerLimits;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.tls.Tls;

/**
 * One ROUTER socket served by one thread that answers every request inline. Clients are told
 * apart by the identity the ROUTER prepends, so any number of DEALER clients are served
 * concurrently, unlike a REP socket that serialises each request with its reply. The handlers
 * are nanoseconds of work, so a ROUTER-DEALER proxy to worker threads (the {@code workers} mode,
 * {@link ZeroMqWorkers}) only adds inter-thread hops (each a selector wake-up and, with more
 * runnable threads than cores, a scheduler wait): measured on two cores, the proxy had the worse
 * median for one client and three to ten times the inline median for eight clients, at a fifth of
 * the calls per second.
 *
 * <p>Socket options beyond {@link ZeroMqProtocol#configure}: ZMQ_ROUTER_MANDATORY (a full or
 * vanished peer is an error the stream code handles, never a silent drop) and ZMQ_DISCONNECT_MSG
 * (the loop learns at once that a streaming client is gone), and ZMQ_HANDSHAKE_IVL set to
 * {@link RpcSettings#IDLE_TIMEOUT_MS} (120 s unless set; ZeroMQ's default is 30 s): a
 * connection that has not completed the ZMTP greeting and handshake by then, silent or stalled
 * half-way, is dropped. One JeroMQ I/O thread, ZeroMQ's
 * default and its advice for under a gigabyte per second. Every frame's announced size passes
 * {@link ZeroMqGuard} before anything is allocated for it.
 */
final class ZeroMqServer implements RpcServer {

    /** What became of one message handed to the ROUTER. */
    enum Delivery { SENT, FULL, GONE }

    private final RpcSettings settings;
    private final ZMQ.Context context = ZMQ.context(1);
    /** The server modes: calls answered on the ROUTER thread (measured the faster on 2 cores), or by workers. */
    static final ServerMode ROUTER = ServerMode.of("router", "one ROUTER socket and thread answering every request"
            + " inline");
    static final ServerMode WORKERS = ServerMode.of("workers", "the Guide's ROUTER-DEALER proxy: calls and echoes"
            + " dealt to one worker thread (a DEALER on inproc) per available processor; streams and chunked"
            + " transfers stay on the ROUTER thread");

    private final ZeroMqGuard guard;
    private final ServerWork work;
    private final ServerMode mode;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread loop;
    private volatile boolean closing;
    private ZMQ.Curve.KeyPair curveKeys;

    ZeroMqServer(RpcSettings settings, ServerMode mode) {
        this.settings = settings;
        this.mode = mode;
        this.guard = new ZeroMqGuard(context, settings.maxMessageBytes(), ServerLimits.of(settings));
        this.work = ServerWork.of(settings);
    }

    @Override
    public String clientTrust() {
        return curveKeys == null ? null : curveKeys.publicKey;
    }

    @Override
    public int start(InetAddress address, int port) throws IOException {
        ZMQ.Socket router = context.socket(SocketType.ROUTER);
        try {
            ZeroMqProtocol.configure(router, address instanceof Inet6Address, settings.maxMessageBytes());
            router.setRouterMandatory(true);
            router.setHandshakeIvl(settings.idleTimeoutMillis());
            router.base().setSocketOpt(zmq.ZMQ.ZMQ_DISCONNECT_MSG, ZeroMqProtocol.DISCONNECTED);
            guard.guard(router);
            if (Tls.on(settings)) { // CURVE, ZeroMQ's own security (not TLS)
                curveKeys = ZeroMqCurve.serverKeys();
                ZeroMqCurve.serve(router, curveKeys);
            }
            router.bind(ZeroMqProtocol.endpoint(address, port == 0 ? "*" : Integer.toString(port)));
        } catch (ZMQException e) {
            router.close();
            throw new BindException("zeromq server cannot bind " + address.getHostAddress() + ":" + port
                    + ": " + e.getMessage());
        }
        int bound = ZeroMqProtocol.port(router.getLastEndpoint());
        ZeroMqCalls calls = new ZeroMqCalls(settings.maxMessageBytes(), work);
        ZeroMqWorkers workers = mode == ROUTER ? null
                : new ZeroMqWorkers(context, router, Runtime.getRuntime().availableProcessors(), calls);
        ZeroMqRequests requests = new ZeroMqRequests(router,
                new ZeroMqStreams(router, settings.callTimeoutMillis()), new ZeroMqUploads(router, settings.maxMessageBytes()),
                settings.maxMessageBytes(), calls, workers, CallAuth.server("zeromq", settings));
        loop = new Thread(() -> serve(router, requests, workers), "zeromq-router");
        loop.setDaemon(true);
        loop.start();
        return bound;
    }

    /** The ROUTER thread: owns the socket from here on, as ZeroMQ sockets are not thread-safe. */
    private void serve(ZMQ.Socket router, ZeroMqRequests requests, ZeroMqWorkers workers) {
        try {
            while (!closing) {
                requests.serveTurn();
            }
        } catch (ZMQException e) {
            if (!closing) {
                System.err.println("zeromq server: router loop failed: " + e);
            }
        } finally {
            if (workers != null) {
                workers.close();
            }
            router.close(); // lets context.term() in close() return
            stopped.countDown();
        }
    }

    /**
     * Hands one message to the ROUTER without ever blocking the loop thread.
     *
     * @param payload a second frame, or null for a header-only message. JeroMQ sends it without
     *                copying, from index 0 to its limit whatever its position (its encoder rewinds
     *                it), so it must start at index 0: a wrapped array or a {@code slice()}, left
     *                untouched until the frame is on the wire.
     */
    static Delivery send(ZMQ.Socket router, byte[] identity, byte[] header, ByteBuffer payload) {
        try {
            if (!router.send(identity, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                return Delivery.FULL; // EAGAIN: that client's pipe is at its high-water mark
            }
        } catch (ZMQException e) {
            if (e.getErrorCode() == zmq.ZError.EHOSTUNREACH) {
                return Delivery.GONE;
            }
            throw e;
        }
        // Once the identity frame is accepted the rest of the message fits: ZeroMQ counts the
        // high-water mark in whole messages.
        if (payload == null) {
            router.send(header, ZMQ.DONTWAIT);
        } else {
            router.send(header, ZMQ.SNDMORE | ZMQ.DONTWAIT);
            router.sendByteBuffer(payload, ZMQ.DONTWAIT);
        }
        return Delivery.SENT;
    }

    /**
     * Stops the loop (terminating the context makes its blocking receive fail with ETERM), waits
     * for it to close the socket, and so ends JeroMQ's I/O and reaper threads too.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        guard.close();
        if (loop == null) {
            context.term();
            return;
        }
        Thread terminator = new Thread(context::term, "zeromq-server-term");
        terminator.setDaemon(true);
        terminator.start();
        try {
            if (!stopped.await(10, TimeUnit.SECONDS)) {
                System.err.println("zeromq server: router loop did not stop within 10 s");
            }
            terminator.join(10_000);
            loop.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
