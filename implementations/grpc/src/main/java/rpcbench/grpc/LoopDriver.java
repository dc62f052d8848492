package rpcbench.grpc;

import java.util.concurrent.TimeUnit;

import rpcbench.api.RpcException;

/**
 * The thread that runs a {@link CallerLoop}'s event loop while asynchronous calls are in flight.
 * A caller-run loop only turns while its caller waits inside a call; an asynchronous call returns
 * at once, and its caller then waits on futures, which run nothing. So the first asynchronous
 * call lends the loop to this thread, which runs it (reads answers, completes futures, fires
 * deadlines) until a synchronous call takes it back for its own duration; the client lends it
 * again afterwards while calls are still in flight. The thread is started once per client and
 * parked while the loop is taken back, so that switching costs a hand-off, not a thread start;
 * teardown ends it. Ownership of the loop changes only under this object's monitor, and only
 * while nobody runs the loop.
 */
final class LoopDriver implements Runnable {

    /** Longest single wait of the loop: a bound, not a poll (a hand-back wakes it with a task). */
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a hand-back may take: the loop is busy at most as long as one callback runs. */
    private static final long HAND_BACK_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Runnable NOTHING = () -> { };

    private final CallerLoop loop;
    private Thread thread;
    private volatile boolean lent;
    private boolean driving; // guarded by this
    private boolean stopped; // guarded by this

    LoopDriver(CallerLoop loop) {
        this.loop = loop;
    }

    /** Hands the loop to the driver thread; the caller owns the loop and is not running it. */
    synchronized void lend() {
        if (lent || stopped) {
            return;
        }
        if (thread == null) {
            thread = new Thread(this, "grpc-client-async-loop");
            thread.setDaemon(true);
            thread.start();
        }
        // Set before the caller returns: from now on its channel operations queue tasks for the driver.
        loop.adopt(thread);
        lent = true;
        notifyAll();
    }

    /** Takes the loop back; returns once the driver thread has stopped running it. */
    void reclaim() {
        if (!lent) {
            return;
        }
        lent = false;
        // A task, unlike a bare wakeup, also stops a loop that is just about to block.
        loop.eventLoop().execute(NOTHING);
        long deadline = System.nanoTime() + HAND_BACK_NANOS;
        synchronized (this) {
            while (driving) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new RpcException("grpc: the async event loop thread did not hand the loop back within "
                            + TimeUnit.NANOSECONDS.toSeconds(HAND_BACK_NANOS) + " s (a future's callback blocks it?)");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RpcException("grpc: interrupted while taking the event loop back", e);
                }
            }
        }
    }

    /** Ends the driver thread (after {@link #reclaim()}); waits a bounded time for it. */
    void stop() {
        Thread ending;
        synchronized (this) {
            stopped = true;
            notifyAll();
            ending = thread;
        }
        if (ending != null) {
            try {
                ending.join(TimeUnit.NANOSECONDS.toMillis(HAND_BACK_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        while (awaitLoan()) {
            try {
                while (lent) {
                    try {
                        loop.eventLoop().run(MAX_WAIT_NANOS);
                    } catch (RuntimeException e) {
                        // Netty reports failed tasks itself; whatever else escapes must not strand the futures.
                        e.printStackTrace();
                    }
                }
            } finally {
                synchronized (this) {
                    driving = false;
                    notifyAll();
                }
            }
        }
    }

    /** Parks until the loop is lent (true) or the driver is stopped (false). */
    private synchronized boolean awaitLoan() {
        while (!lent && !stopped) {
            try {
                wait();
            } catch (InterruptedException e) {
                return false; // nobody interrupts this thread but a JVM going down
            }
        }
        driving = !stopped;
        return driving;
    }
}
