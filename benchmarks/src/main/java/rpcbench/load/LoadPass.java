package rpcbench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transports;

/**
 * One pass of held load: {@code clients} threads, each with its own connection, all connected
 * before any starts, then each makes {@code calls} simple calls and checks every answer. A failed
 * call is counted and its client reconnects; a wrong answer is counted too. Bounded in time.
 */
final class LoadPass {

    /** What one pass did. */
    record Outcome(long calls, long failures, long wrongAnswers, double seconds, String firstProblem) {
    }

    private LoadPass() {
    }

    static Outcome run(String transport, Endpoint server, int clients, int calls, long limitSeconds)
            throws IOException, InterruptedException {
        List<RpcImplementation> connections = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                RpcImplementation c = Transports.byName(transport).newClient(RpcSettings.current());
                connections.add(c);
                c.setup(server);
            }
            AtomicLong done = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            AtomicLong wrong = new AtomicLong();
            AtomicReference<String> first = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch finished = new CountDownLatch(clients);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
            for (int i = 0; i < clients; i++) {
                int index = i;
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        RpcImplementation c = connections.get(index);
                        for (int n = 0; n < calls && System.nanoTime() < deadline; n++) {
                            try {
                                int v = index * calls + n;
                                if (c.simpleCall(v) != v + 1) {
                                    wrong.incrementAndGet();
                                    first.compareAndSet(null, "client " + index + ": wrong answer to " + v);
                                }
                            } catch (RpcException e) {
                                failures.incrementAndGet();
                                first.compareAndSet(null, "client " + index + ": " + e.getMessage());
                                c = reconnect(transport, server, connections, index);
                            }
                            done.incrementAndGet();
                        }
                    } catch (InterruptedException | IOException | RuntimeException e) {
                        first.compareAndSet(null, "client " + index + " stopped: " + e);
                    } finally {
                        finished.countDown();
                    }
                }, "load-client-" + i);
                t.setDaemon(true);
                t.start();
            }
            long began = System.nanoTime();
            start.countDown();
            boolean inTime = finished.await(limitSeconds + 30, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - began) / 1e9;
            long expected = (long) clients * calls;
            String problem = first.get();
            if (!inTime || done.get() < expected) {
                problem = (done.get() < expected ? expected - done.get() + " calls not made within "
                        + limitSeconds + " s" : "clients still running") + (problem == null ? "" : "; " + problem);
            }
            long missing = expected - done.get();
            return new Outcome(done.get(), failures.get() + missing, wrong.get(), seconds, problem);
        } finally {
            connections.forEach(RpcImplementation::teardown);
        }
    }

    private static synchronized RpcImplementation reconnect(String transport, Endpoint server,
            List<RpcImplementation> connections, int index) throws IOException {
        connections.get(index).teardown();
        RpcImplementation fresh = Transports.byName(transport).newClient(RpcSettings.current());
        connections.set(index, fresh);
        fresh.setup(server);
        return fresh;
    }
}
