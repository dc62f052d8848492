package rpcbench.api;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one server process may spend on its clients, whatever they send: a budget of bytes held for
 * messages that have not fully arrived (shared by every connection), streams per connection and
 * threads per server. Past a bound a request is refused with the transport's own error and the
 * server serves on. One object per server, made from its {@link RpcSettings}; the settings are
 * among {@link RpcSettings#COMMON}.
 *
 * <p>The budget counts messages whose announced size is above {@link #UNCOUNTED_BYTES}: a
 * framework allocates a message's announced size before its bytes arrive, so without the budget
 * N connections each announcing the largest message and sending 4 bytes of it would need N times
 * {@link RpcSettings#MAX_MESSAGE_BYTES} of heap. Smaller messages are not counted (the calls on
 * the benchmarks' normal path pay nothing): they cost no more than the socket buffer every
 * connection already has.
 */
public final class ServerLimits {

    /** Messages of up to this many bytes are not counted in the budget: 16 KiB. */
    public static final int UNCOUNTED_BYTES = 16 * 1024;

    /**
     * Bytes a server may hold for incomplete messages across all its connections. Default 0: a
     * quarter of the server's maximum heap (512 MiB with the default {@code -Xmx2g}).
     */
    public static final Setting<Long> BUFFER_BUDGET_BYTES = Setting.of("rpcbench.max.buffered.bytes", 0L,
            "a quarter of the server's heap", "a whole number of bytes, 0 for a quarter of the heap",
            text -> {
                long value = Long.parseLong(text);
                return value >= 0 ? value : null;
            }, String::valueOf, "bytes a server holds for messages not yet fully arrived, across all connections");

    /**
     * Streams (value streams and chunked downloads, each produced on a thread of its own where the
     * framework needs one; HTTP/2 streams on gRPC) one connection may have running at once. Default
     * 1024: above the 128 calls in flight that {@code InFlightBenchmark} keeps on one gRPC channel.
     */
    public static final Setting<Integer> STREAMS_PER_CONNECTION = Setting.positiveInt(
            "rpcbench.max.streams.per.connection", 1024, "streams one connection may have running at once");

    /**
     * Threads a server runs for its clients' connections and streams, where it makes them (tcp and
     * rmi: one per connection; websocket: one per stream; http: Jetty's pool). Default 256.
     */
    public static final Setting<Integer> SERVER_THREADS = Setting.positiveInt("rpcbench.max.server.threads", 256,
            "threads a server runs for connections and streams");

    private final long budgetBytes;
    private final int streamsPerConnection;
    private final int serverThreads;
    private final AtomicLong buffered = new AtomicLong();

    private ServerLimits(long budgetBytes, int streamsPerConnection, int serverThreads) {
        this.budgetBytes = budgetBytes;
        this.streamsPerConnection = streamsPerConnection;
        this.serverThreads = serverThreads;
    }

    /** The limits {@code settings} give, the budget derived from this JVM's heap unless set. */
    public static ServerLimits of(RpcSettings settings) {
        long budget = settings.get(BUFFER_BUDGET_BYTES);
        return new ServerLimits(budget > 0 ? budget : Runtime.getRuntime().maxMemory() / 4,
                settings.get(STREAMS_PER_CONNECTION), settings.get(SERVER_THREADS));
    }

    /**
     * Takes {@code bytes} from the budget for a message that is about to be buffered. Messages of
     * up to {@link #UNCOUNTED_BYTES} always pass and take nothing.
     *
     * @return the bytes taken (0 for an uncounted message; give them back with {@link #release}),
     *         or -1 when the budget cannot hold the message: refuse it
     */
    public long reserve(long bytes) {
        return bytes <= UNCOUNTED_BYTES ? 0 : take(bytes);
    }

    /**
     * {@link #reserve} for any size, small ones too: for the pieces of one message that a framework
     * collects until the last arrives (fragments), which are small one by one.
     */
    public long take(long bytes) {
        long now = buffered.addAndGet(bytes);
        if (now > budgetBytes) {
            buffered.addAndGet(-bytes);
            return -1;
        }
        return bytes;
    }

    /** Gives back what {@link #reserve} took (0 and -1 give back nothing). */
    public void release(long taken) {
        if (taken > 0) {
            buffered.addAndGet(-taken);
        }
    }

    /** Bytes taken from the budget now. */
    public long buffered() {
        return buffered.get();
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    public int streamsPerConnection() {
        return streamsPerConnection;
    }

    public int serverThreads() {
        return serverThreads;
    }

    /**
     * A cached pool of daemon threads named {@code name} (made on demand, kept 60 s idle) of at most
     * {@link #serverThreads()}: one more task is refused with RejectedExecutionException.
     */
    public ExecutorService threadPool(String name) {
        return threadPool(runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** {@link #threadPool(String)} with threads from {@code threads} (virtual ones, say). */
    public ExecutorService threadPool(ThreadFactory threads) {
        return new ThreadPoolExecutor(0, serverThreads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    /** Why a message was refused, for the transport's error: names the budget and its setting. */
    public String overBudget(long bytes) {
        return "message of " + bytes + " bytes refused: the server holds " + buffered() + " of its "
                + budgetBytes + " bytes for incomplete messages (" + BUFFER_BUDGET_BYTES.name() + ")";
    }

    /** Why a stream was refused: names the bound and its setting. */
    public String tooManyStreams() {
        return "stream refused: " + streamsPerConnection + " already running on this connection ("
                + STREAMS_PER_CONNECTION.name() + ")";
    }
}
