package rpcbench.zeromq;

import java.nio.ByteBuffer;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The {@code workers} server mode: the ZeroMQ Guide's multithreaded server (chapter 3, "asyncsrv"),
 * a ROUTER for the clients in front of a DEALER that spreads requests over worker threads, each
 * with a DEALER of its own on {@code inproc://}, answers going back the same way. The ROUTER
 * thread is the proxy: it forwards the requests that need nothing but themselves
 * ({@link ZeroMqCalls}) to the DEALER, which deals them round-robin to the workers, and passes
 * their answers back to the ROUTER; streams and chunked transfers keep per-client state and stay on
 * the ROUTER thread, as in the default mode (a round-robin DEALER would give a stream's credits to
 * another worker). A forwarded frame's budget is given back when the ROUTER thread hands it over.
 *
 * <p>Every socket here but the workers' belongs to the ROUTER thread. Terminating the context
 * ends the workers' blocking receives with ETERM, and each closes its own socket.
 */
final class ZeroMqWorkers {

    /** Requests queued per worker (the DEALERs' high-water mark) before a request is refused. */
    static final int QUEUED = 1000;

    private static final String BACKEND = "inproc://rpcbench-zeromq-workers";
    private static final int ANSWERS_PER_TURN = 1024;

    private final ZMQ.Socket backend;
    private final ZMQ.Poller poller;

    /** Binds the DEALER and starts {@code count} workers answering with {@code calls}. */
    ZeroMqWorkers(ZMQ.Context context, ZMQ.Socket router, int count, ZeroMqCalls calls) {
        backend = context.socket(SocketType.DEALER);
        backend.setLinger(0);
        backend.setSndHWM(QUEUED);
        backend.bind(BACKEND);
        poller = context.poller(2);
        poller.register(router, ZMQ.Poller.POLLIN);
        poller.register(backend, ZMQ.Poller.POLLIN);
        for (int i = 0; i < count; i++) {
            Thread worker = new Thread(() -> work(context, calls), "zeromq-worker-" + i);
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** Waits up to {@code millis} (-1: for ever) until the ROUTER has a request or a worker an answer. */
    void await(int millis) {
        poller.poll(millis);
    }

    /** Deals one request to a worker; false when every worker's queue is full. */
    boolean forward(byte[] identity, byte[] header, byte[] payload) {
        // The identity goes first as a frame of the message: the worker's answer starts with it, for the ROUTER.
        return ZeroMqServer.send(backend, identity, header, payload == null ? null : ByteBuffer.wrap(payload))
                == ZeroMqServer.Delivery.SENT;
    }

    /** Passes the workers' answers that have arrived (at most {@link #ANSWERS_PER_TURN}) to {@code replies}. */
    void returnAnswers(ZeroMqCalls.Replies replies) {
        for (int i = 0; i < ANSWERS_PER_TURN; i++) {
            byte[] identity = backend.recv(ZMQ.DONTWAIT);
            if (identity == null) {
                return;
            }
            byte[] header = backend.recv(0);
            replies.reply(identity, header, backend.hasReceiveMore() ? backend.recv(0) : null);
        }
    }

    /** Closes the DEALER and the poller (the ROUTER thread, on its way out). */
    void close() {
        poller.close();
        backend.close();
    }

    private static void work(ZMQ.Context context, ZeroMqCalls calls) {
        ZMQ.Socket dealer = context.socket(SocketType.DEALER);
        try {
            dealer.setLinger(0);
            dealer.connect(BACKEND);
            ZeroMqCalls.Replies replies = (identity, header, payload) -> {
                dealer.send(identity, ZMQ.SNDMORE);
                if (payload == null) {
                    dealer.send(header, 0);
                } else {
                    dealer.send(header, ZMQ.SNDMORE);
                    dealer.sendByteBuffer(ByteBuffer.wrap(payload), 0);
                }
            };
            while (true) {
                byte[] identity = dealer.recv(0);
                byte[] header = dealer.recv(0);
                calls.answer(identity, header, dealer.hasReceiveMore() ? dealer.recv(0) : null, replies);
            }
        } catch (ZMQException e) {
            if (e.getErrorCode() != zmq.ZError.ETERM) {
                System.err.println("zeromq server: worker failed: " + e);
            }
        } finally {
            dealer.close();
        }
    }
}
