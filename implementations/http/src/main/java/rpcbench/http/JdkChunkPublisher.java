package rpcbench.http;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The request body of a chunked upload with the JDK HttpClient: a {@link Flow.Publisher} driven by
 * the caller's thread, which hands over one chunk per unit of demand. The JDK's HTTP/1.1 body
 * subscriber frames every buffer it receives as one HTTP chunk (its body length is unknown, so it
 * sends {@code Transfer-Encoding: chunked}).
 *
 * <p>Backpressure is the subscriber's demand: the JDK asks for the next buffer only after it has
 * moved the previous one to its socket writer, so a server that reads slowly stops the caller in
 * {@link #send}, which waits at most the call timeout. Demand that never comes, an exchange that ends
 * early (an error answer, a lost connection) or a cancelled subscription stop the upload.
 */
final class JdkChunkPublisher implements Flow.Publisher<ByteBuffer>, Flow.Subscription {

    private final long timeoutMillis;
    // All guarded by this.
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private boolean subscribed;
    private long demand;
    private boolean cancelled;
    private boolean ended;

    JdkChunkPublisher(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        synchronized (this) {
            if (subscriber != null) {
                // A retried or redirected request would need the source again: not possible.
                s.onSubscribe(this);
                s.onError(new IllegalStateException("a chunked upload body can be sent only once"));
                return;
            }
            subscriber = s;
        }
        s.onSubscribe(this);
        synchronized (this) {
            subscribed = true;
            notifyAll();
        }
    }

    @Override
    public synchronized void request(long n) {
        if (n <= 0) {
            cancelled = true; // a broken subscriber: stop rather than guess
        } else {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        notifyAll();
    }

    @Override
    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    /** Stops waiting for demand as soon as {@code exchange} has completed, whichever way. */
    void endWhenDone(CompletableFuture<?> exchange) {
        exchange.whenComplete((answer, failure) -> {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        });
    }

    /**
     * Hands {@code chunk} to the JDK once it asks for one; false (nothing sent) when the exchange has
     * ended or the JDK cancelled.
     */
    boolean send(ByteBuffer chunk) throws TimeoutException, InterruptedException {
        synchronized (this) {
            awaitUntil(() -> subscribed && demand > 0);
            if (cancelled || ended) {
                return false;
            }
            demand--;
        }
        subscriber.onNext(chunk);
        return true;
    }

    /**
     * Ends the body (the terminating chunk), unless the exchange has already ended. Like a chunk, this
     * waits for demand: the JDK 17 client fails (NullPointerException in Http1Exchange) on a completion
     * signalled before it has asked for the first buffer.
     */
    void complete() throws TimeoutException, InterruptedException {
        synchronized (this) {
            awaitUntil(() -> subscribed && demand > 0);
            if (cancelled || ended) {
                return;
            }
            cancelled = true; // no signal after onComplete
        }
        subscriber.onComplete();
    }

    /** Aborts the body: the JDK then fails the exchange and closes its connection. */
    void fail(Throwable failure) {
        Flow.Subscriber<? super ByteBuffer> s;
        synchronized (this) {
            s = subscribed && !cancelled ? subscriber : null;
            cancelled = true;
            notifyAll();
        }
        if (s != null) {
            try {
                s.onError(failure);
            } catch (RuntimeException e) {
                // the exchange fails either way; the caller reports the original failure
            }
        }
    }

    /** Waits (holding this monitor) until {@code ready}, a cancel or the end, at most the call timeout. */
    private void awaitUntil(BooleanSupplier ready) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!ready.getAsBoolean() && !cancelled && !ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("the HTTP client took no chunk for " + timeoutMillis + " ms");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
