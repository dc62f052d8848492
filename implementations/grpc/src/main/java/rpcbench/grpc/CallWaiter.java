package rpcbench.grpc;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import rpcbench.api.RpcException;

/**
 * Runs the gRPC callbacks of one streaming call on the thread that waits for it, in either client
 * threading mode, so a call's listener needs no locking: with a {@link CallerLoop} the waiting
 * thread runs the event loop and the channel's direct executor runs the callbacks there; with an
 * event loop thread of its own the call's executor is this queue, which only the waiting thread
 * drains (the way grpc-java's blocking stubs drive theirs).
 */
final class CallWaiter implements Executor {

    private final BlockingQueue<Runnable> callbacks = new LinkedBlockingQueue<>();
    private final CallerLoop loop;

    CallWaiter(CallerLoop loop) {
        this.loop = loop;
    }

    /** The options of a call whose callbacks this waiter runs. */
    CallOptions options() {
        return loop == null ? CallOptions.DEFAULT.withExecutor(this) : CallOptions.DEFAULT;
    }

    /**
     * Runs the call's callbacks on this thread until {@code done} holds or {@code deadlineNanos}
     * ({@link System#nanoTime()}) passes; returns whether {@code done} holds.
     */
    boolean await(BooleanSupplier done, long deadlineNanos) {
        if (loop != null) {
            return loop.drive(done, deadlineNanos);
        }
        while (!done.getAsBoolean()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Runnable callback;
            try {
                callback = callbacks.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RpcException("grpc: interrupted while waiting for a call", e);
            }
            if (callback != null) {
                callback.run();
            }
        }
        return true;
    }

    /** {@link #await} with a deadline {@code timeoutMillis} from now. */
    boolean awaitMillis(BooleanSupplier done, int timeoutMillis) {
        return await(done, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    }

    /**
     * Cancels a call the caller abandons (RST_STREAM: the server stops); a caller-run loop is run
     * until the call ended, so that the cancel reaches the wire.
     */
    void cancel(ClientCall<?, ?> call, BooleanSupplier ended) {
        if (loop != null) {
            loop.cancel(call, ended);
        } else {
            call.cancel("the caller abandoned the call", null);
        }
    }

    /** gRPC's executor for the call's callbacks without a caller-run loop: queued for the waiter. */
    @Override
    public void execute(Runnable callback) {
        callbacks.add(callback);
    }
}
