package rpcbench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import rpcbench.api.CallPool;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;

/**
 * For clients that block (tcp, rmi): one caller thread per connection, each taking the calls
 * meant for its connection in order and making them one at a time. A call that waits for its
 * connection to be free is late, and its latency from the intended send time says so.
 */
final class BlockingDriver implements CallDriver {

    private record Pending(int value, long intendedNanos) {
    }

    private final LatencyRecord record;
    private final Outstanding outstanding;
    private final long timeoutMillis;
    private final List<LinkedBlockingQueue<Pending>> queues = new ArrayList<>();
    private final List<Thread> callers = new ArrayList<>();
    private final RpcImplementation[] clients;
    private volatile boolean closed;

    BlockingDriver(List<RpcImplementation> connected, Connector<RpcImplementation> reconnect, LatencyRecord record,
            Outstanding outstanding, long timeoutMillis) {
        this.record = record;
        this.outstanding = outstanding;
        this.timeoutMillis = timeoutMillis;
        this.clients = connected.toArray(RpcImplementation[]::new);
        for (int i = 0; i < clients.length; i++) {
            LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            int index = i;
            Thread t = new Thread(() -> callerLoop(index, queue, reconnect), "rpcbench-load-caller-" + i);
            t.setDaemon(true);
            callers.add(t);
            t.start();
        }
    }

    @Override
    public void send(int connection, int value, long intendedNanos) {
        if (!outstanding.take(timeoutMillis, record, CallPool::sleepUntil)) {
            return;
        }
        record.sent(intendedNanos, System.nanoTime());
        queues.get(connection).add(new Pending(value, intendedNanos));
    }

    @Override
    public void waitUntil(long deadlineNanos) {
        CallPool.sleepUntil(deadlineNanos);
    }

    private void callerLoop(int index, LinkedBlockingQueue<Pending> queue, Connector<RpcImplementation> reconnect) {
        while (!closed) {
            Pending p;
            try {
                p = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (p == null) {
                continue;
            }
            long sent = System.nanoTime();
            try {
                int answer = clients[index].simpleCall(p.value());
                record.answered(p.value(), answer, p.intendedNanos(), sent, System.nanoTime());
            } catch (RpcException e) {
                record.failed("simpleCall(" + p.value() + ") failed: " + e.getMessage());
                clients[index] = replace(clients[index], reconnect);
            } finally {
                outstanding.release();
            }
        }
    }

    /** A failed call leaves its connection unusable: a new one takes its place (if it can be made). */
    private static RpcImplementation replace(RpcImplementation broken, Connector<RpcImplementation> reconnect) {
        broken.teardown();
        try {
            return reconnect.connect();
        } catch (IOException | RuntimeException e) {
            return broken; // its next calls fail too, and are counted
        }
    }

    @Override
    public String describe() {
        return clients.length + " connection(s), each with its own caller thread (a blocking client: one call at a"
                + " time per connection)";
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : callers) {
            t.interrupt();
        }
        for (Thread t : callers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (RpcImplementation c : clients) {
            c.teardown();
        }
    }
}
