package rpcbench.zeromq;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;

/**
 * Calls in flight on the client's one DEALER: each ASYNC_SIMPLE request carries a call id that the
 * server echoes, and a background agent thread receives the replies and completes the futures.
 *
 * <p>A ZeroMQ socket must be used by one thread at a time, so this is the ZeroMQ Guide's agent
 * pattern: the calling thread talks to the agent over an inproc PAIR, and the DEALER belongs to
 * whichever of the two holds it. The first async call is sent by the calling thread itself, which
 * then hands the DEALER over (TAKE); later ones travel over the PAIR (CALL) and the agent sends
 * them. A blocking call takes the DEALER back first (GIVE, answered by GIVEN once the agent has
 * stopped polling it), so blocking calls keep their direct path: a client that never makes an
 * async call has no agent at all. Async replies that reach a blocking call are completed there.
 */
final class ZeroMqAsync implements AutoCloseable {

    private static final byte TAKE = 1;
    private static final byte CALL = 2;
    private static final byte GIVE = 3;
    private static final byte GIVEN = 4;
    private static final byte STOP = 5;
    /** inproc names are per context, and every client has its own context. */
    private static final String CONTROL = "inproc://rpcbench-zeromq-async-agent";
    /** Replies taken per wake-up before the agent looks at its commands again. */
    private static final int DRAIN_BATCH = 256;

    private final ZMQ.Socket dealer;
    private final ZMQ.Socket control;
    private final ZMQ.Socket agentEnd;
    private final ZMQ.Poller poller;
    private final Thread agent;
    private final int timeoutMillis;
    private final byte[] token; // in every request's header frame; null: none
    private final Map<Long, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();
    private long lastId;            // calling thread only
    private boolean agentOwns;      // calling thread only
    private volatile RpcException failure;

    ZeroMqAsync(ZContext context, ZMQ.Socket dealer, byte[] token, int timeoutMillis) {
        this.dealer = dealer;
        this.token = token;
        this.timeoutMillis = timeoutMillis;
        control = context.createSocket(SocketType.PAIR);
        control.setLinger(0);
        control.setSendTimeOut(timeoutMillis);
        control.setReceiveTimeOut(timeoutMillis);
        control.bind(CONTROL);
        agentEnd = context.createSocket(SocketType.PAIR);
        agentEnd.setLinger(0);
        agentEnd.connect(CONTROL);
        poller = context.createPoller(2);
        poller.register(agentEnd, ZMQ.Poller.POLLIN);
        poller.register(dealer, ZMQ.Poller.POLLIN);
        agent = new Thread(this::run, "zeromq-async-agent");
        agent.setDaemon(true);
        agent.start(); // from here on the agent alone uses agentEnd and the poller
    }

    /** Starts one call; the future fails only with RpcException, after the call timeout at the latest. */
    CompletableFuture<Integer> call(int value) {
        long id = ++lastId;
        CompletableFuture<Integer> future = new CompletableFuture<>();
        pending.put(id, future);
        RpcException gone = failure;
        if (gone != null) {
            future.completeExceptionally(gone);
        } else if (agentOwns) {
            byte[] command = ByteBuffer.allocate(13).put(CALL).putLong(id).putInt(value).array();
            if (!control.send(command, 0)) {
                future.completeExceptionally(new RpcException("zeromq: simpleCallAsync could not reach the agent"));
            }
        } else {
            sendRequest(id, value);
            agentOwns = control.send(new byte[] {TAKE}, 0);
        }
        return future.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((answer, e) -> {
            pending.remove(id);
            if (e == null) {
                return answer;
            }
            throw e instanceof RpcException r ? r : new RpcException("zeromq: simpleCallAsync got no answer within "
                    + timeoutMillis + " ms (" + RpcSettings.CALL_TIMEOUT_MS + ")", e);
        });
    }

    /** Before a blocking call: takes the DEALER back from the agent; fails if the connection dropped. */
    void reclaim() {
        if (agentOwns) {
            byte[] answer = control.send(new byte[] {GIVE}, 0) ? control.recv(0) : null;
            if (answer == null || answer[0] != GIVEN) {
                throw new RpcException("zeromq: the async agent did not hand the socket back within " + timeoutMillis + " ms");
            }
            agentOwns = false;
        }
        RpcException gone = failure;
        if (gone != null) {
            throw gone;
        }
    }

    /** Completes the call whose ASYNC_SIMPLE reply header was just received from {@code socket}. */
    void complete(byte[] header, ZMQ.Socket socket) {
        byte[] id = socket.hasReceiveMore() ? socket.recv(0) : null;
        CompletableFuture<Integer> call = id != null && id.length == 8 ? pending.remove(ByteBuffer.wrap(id).getLong()) : null;
        if (call != null) {
            call.complete(ZeroMqProtocol.argument(header));
        }
        // else: the late reply of a call that timed out
    }

    /** Fails every call in flight (the connection dropped, or the client is torn down). */
    void failAll(RpcException cause) {
        if (failure == null) {
            failure = cause;
        }
        for (Long id : pending.keySet()) {
            CompletableFuture<Integer> call = pending.remove(id);
            if (call != null) {
                call.completeExceptionally(cause);
            }
        }
    }

    /** Stops the agent; the client then closes the context and with it every socket. */
    @Override
    public void close() {
        failAll(new RpcException("zeromq: client torn down"));
        control.send(new byte[] {STOP}, ZMQ.DONTWAIT);
        try {
            agent.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendRequest(long id, int value) {
        byte[] header = ZeroMqProtocol.withToken(ZeroMqProtocol.header(ZeroMqProtocol.ASYNC_SIMPLE, value), token);
        boolean sent = dealer.send(header, ZMQ.SNDMORE | ZMQ.DONTWAIT)
                && dealer.send(ZeroMqProtocol.longs(id), ZMQ.DONTWAIT);
        CompletableFuture<Integer> call = sent ? null : pending.remove(id);
        if (call != null) {
            call.completeExceptionally(new RpcException("zeromq: simpleCallAsync refused: the send queue is at its high-water mark"));
        }
    }

    /** The agent: holds the DEALER between TAKE and GIVE, otherwise only listens for commands. */
    private void run() {
        boolean owns = false;
        try {
            while (true) {
                byte[] command;
                if (owns) {
                    poller.poll(-1);
                    if (poller.pollin(1)) {
                        drain();
                    }
                    command = poller.pollin(0) ? agentEnd.recv(ZMQ.DONTWAIT) : null;
                } else {
                    command = agentEnd.recv(0);
                }
                if (command == null) {
                    continue;
                }
                switch (command[0]) {
                    case TAKE -> owns = true;
                    case CALL -> sendRequest(ByteBuffer.wrap(command, 1, 8).getLong(), ByteBuffer.wrap(command, 9, 4).getInt());
                    case GIVE -> {
                        owns = false;
                        agentEnd.send(new byte[] {GIVEN}, 0);
                    }
                    default -> {
                        return; // STOP
                    }
                }
            }
        } catch (ZMQException e) {
            // the context was closed under the agent: it ends either way
        }
    }

    private void drain() {
        for (int i = 0; i < DRAIN_BATCH; i++) {
            byte[] frame = dealer.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                return;
            }
            if (ZeroMqProtocol.isMarker(frame, ZeroMqProtocol.HICCUP)) {
                failAll(new RpcException("zeromq: simpleCallAsync failed: the connection to the server dropped"));
            } else if (ZeroMqProtocol.isHeader(frame) && ZeroMqProtocol.kind(frame) == ZeroMqProtocol.ASYNC_SIMPLE) {
                complete(frame, dealer);
            } else {
                while (dealer.hasReceiveMore()) {
                    dealer.recv(0); // a reply nobody waits for
                }
            }
        }
    }
}
