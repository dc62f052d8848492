package rpcbench.grpc;

import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.netty.channel.ManualIoEventLoop;
import rpcbench.api.RpcException;

/**
 * A Netty event loop with no thread of its own ({@link ManualIoEventLoop}): the client thread that
 * waits for a call runs it, so a request is written by the caller and the answer is read and
 * handled by the caller, with no hand-off between threads in either direction. That is the
 * thread count of grpc-java's qps {@code AsyncClient}, whose next call starts on the event loop
 * thread that read the previous answer. Timers gRPC schedules on the loop (deadlines, reconnect
 * back-off) run while a caller waits; between calls nothing runs, and whatever the server sent
 * meanwhile (PING, SETTINGS, a closed socket) is handled at the start of the next call. While
 * asynchronous calls are in flight the loop is lent to a thread of its own ({@link #lend()}).
 */
final class CallerLoop {

    /** How long a cancelled call may take to report its end, so that the RST_STREAM is sent. */
    private static final long CANCEL_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ManualIoEventLoop loop;
    private final LoopDriver driver = new LoopDriver(this);

    /** A loop of {@code config}'s I/O kind, run by the thread that makes it. */
    CallerLoop(GrpcConfig config) {
        loop = new ManualIoEventLoop(Thread.currentThread(), config.ioHandlerFactory());
    }

    ManualIoEventLoop eventLoop() {
        return loop;
    }

    /**
     * Runs the loop on this thread until {@code done} holds or {@code deadlineNanos}
     * ({@link System#nanoTime()}) passes; returns whether {@code done} holds.
     */
    boolean drive(BooleanSupplier done, long deadlineNanos) {
        adoptCallerThread();
        while (!done.getAsBoolean()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            loop.run(left); // returns on I/O, a task, a due timer or after left ns
        }
        return true;
    }

    /**
     * One unary call run to its end on this thread; throws a StatusRuntimeException for a failed
     * call. gRPC's own deadline ends a call in time; {@code timeoutMillis} plus a grace period
     * bounds the wait even if that timer were lost.
     */
    <Q, R> R unary(Channel channel, MethodDescriptor<Q, R> method, Q request, int timeoutMillis) {
        adoptCallerThread();
        Unary<R> listener = new Unary<>();
        ClientCall<Q, R> call = startUnary(channel, method, request, timeoutMillis, listener);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) + CANCEL_GRACE_NANOS;
        if (!drive(listener::closed, deadline)) {
            cancel(call, listener::closed);
            throw Status.DEADLINE_EXCEEDED.withDescription("no end of call in time").asRuntimeException();
        }
        if (!listener.status.isOk()) {
            throw listener.status.asRuntimeException();
        }
        if (listener.response == null) {
            throw Status.INTERNAL.withDescription("no answer in a successful call").asRuntimeException();
        }
        return listener.response;
    }

    /** Starts a call with one request and one answer, bounded by gRPC's deadline. */
    static <Q, R> ClientCall<Q, R> startUnary(Channel channel, MethodDescriptor<Q, R> method, Q request,
            int timeoutMillis, ClientCall.Listener<R> listener) {
        ClientCall<Q, R> call = channel.newCall(method,
                CallOptions.DEFAULT.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS));
        call.start(listener, new Metadata());
        call.request(2); // one answer, and a second one would be a protocol error gRPC reports
        call.sendMessage(request);
        call.halfClose();
        return call;
    }

    /** Cancels a call and runs the loop (bounded) until it has ended, so the cancel reaches the wire. */
    void cancel(ClientCall<?, ?> call, BooleanSupplier ended) {
        call.cancel("the caller abandoned the call", null);
        drive(ended, System.nanoTime() + CANCEL_GRACE_NANOS);
    }

    /**
     * Lends the loop to a thread of its own ({@link LoopDriver}) while asynchronous calls are in
     * flight; the next {@link #drive} or {@link #reclaim} takes it back.
     */
    void lend() {
        driver.lend();
    }

    /** Makes the calling thread the loop's owner again (a no-op unless the loop was lent or it changed threads). */
    void reclaim() {
        adoptCallerThread();
    }

    /** Shuts the loop down, running it on this thread until it has terminated (bounded). */
    void shutdown() {
        adoptCallerThread();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        drive(loop::isTerminated, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
        driver.stop();
    }

    private void adoptCallerThread() {
        driver.reclaim();
        Thread caller = Thread.currentThread();
        if (!loop.inEventLoop(caller)) {
            adopt(caller);
        }
    }

    /**
     * Makes {@code thread} the loop's owner. The contract lets setup and later calls run on
     * different threads, one at a time, and the loop is lent to a {@link LoopDriver}; Netty 4.2's
     * ManualIoEventLoop fixes its thread at construction and offers no way to hand it on
     * ({@code setOwningThread} works only when none was set). The hand-over is safe because no
     * thread runs the loop meanwhile and the caller's own synchronization (or the driver's monitor)
     * orders the two threads, so the field is set directly.
     */
    void adopt(Thread thread) {
        try {
            Field owner = ManualIoEventLoop.class.getDeclaredField("owningThread");
            owner.setAccessible(true);
            @SuppressWarnings("unchecked")
            AtomicReference<Thread> owning = (AtomicReference<Thread>) owner.get(loop);
            owning.set(thread);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new RpcException("grpc: this Netty version does not let a caller-driven event loop change "
                    + "threads; use one thread per client or -D" + GrpcConfig.CALLER_EVENT_LOOP + "=false", e);
        }
    }

    /** Keeps the answer and the end of a call with one answer. */
    static final class Unary<R> extends ClientCall.Listener<R> {
        R response;
        Status status;

        boolean closed() {
            return status != null;
        }

        @Override
        public void onMessage(R message) {
            response = message;
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            this.status = status;
        }
    }
}
