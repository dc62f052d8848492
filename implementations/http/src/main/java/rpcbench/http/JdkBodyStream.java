package rpcbench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body of the JDK HttpClient as an InputStream whose every read waits at most the call
 * timeout for the next bytes. The JDK's own {@code BodyHandlers.ofInputStream()} waits forever, so a
 * stream from a silent server would hang; this one throws {@link HttpTimeoutException} instead.
 *
 * <p>Backpressure: it requests one list of buffers at a time and only after the previous one has been
 * read, so the JDK client stops reading the socket while the caller is busy. {@link #close()} before
 * the end cancels the subscription, which makes the JDK client close the connection: the server's
 * next write fails and its stream stops.
 */
final class JdkBodyStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {

    private static final Object END = new Object();

    private final long timeoutMillis;
    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private ByteBuffer current;
    private boolean requestNext;
    private boolean ended;

    JdkBodyStream(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        arrivals.add(buffers);
    }

    @Override
    public void onError(Throwable failure) {
        arrivals.add(failure);
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("response body stream closed");
        }
        if (length == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            current = pending.poll();
            if (current != null) {
                continue;
            }
            if (ended) {
                return -1;
            }
            awaitArrival();
        }
        int n = Math.min(length, current.remaining());
        current.get(into, offset, n);
        return n;
    }

    /** Waits up to the timeout for the next buffers, the end, or a failure. */
    @SuppressWarnings("unchecked")
    private void awaitArrival() throws IOException {
        if (requestNext) {
            requestNext = false;
            subscription.request(1);
        }
        Object next;
        try {
            next = arrivals.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the response body", e);
        }
        if (next == null) {
            throw new HttpTimeoutException("no response bytes within " + timeoutMillis + " ms");
        } else if (next == END) {
            ended = true;
        } else if (next instanceof Throwable failure) {
            ended = true;
            throw failure instanceof IOException io ? io : new IOException(failure.toString(), failure);
        } else {
            pending.addAll((List<ByteBuffer>) next);
            requestNext = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
