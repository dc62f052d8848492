package rpcbench.api;

/**
 * Settings shared by every transport, read from {@code rpcbench.*} system properties. The server
 * launcher forwards every {@code rpcbench.*} property of the client JVM to the server JVM, so both
 * sides agree.
 */
public final class RpcSettings {

    /** Milliseconds a call may wait for its answer, or a stream for its next value. Default 10000. */
    public static final String CALL_TIMEOUT_MS = "rpcbench.call.timeout.ms";

    /**
     * Largest message in bytes that a client or server accepts; larger ones are refused without
     * buffering them. Default 16 MiB: the 10 MB benchmark payload plus headroom for framing.
     */
    public static final String MAX_MESSAGE_BYTES = "rpcbench.max.message.bytes";

    /**
     * Milliseconds a server keeps a connection on which nothing arrives (an idle or half-open
     * client, or one stuck half-way through a message) before closing it, so that slow or
     * vanished clients cannot pin its threads or memory. Default 120000: longer than any pause
     * inside a benchmark trial.
     */
    public static final String IDLE_TIMEOUT_MS = "rpcbench.idle.timeout.ms";

    private RpcSettings() {
    }

    public static int callTimeoutMillis() {
        return positiveInt(CALL_TIMEOUT_MS, 10_000);
    }

    public static int idleTimeoutMillis() {
        return positiveInt(IDLE_TIMEOUT_MS, 120_000);
    }

    public static int maxMessageBytes() {
        return positiveInt(MAX_MESSAGE_BYTES, 16 * 1024 * 1024);
    }

    /**
     * Checks a size the caller asked for before anything is sent: {@code what} must lie in
     * {@code min .. maxMessageBytes()}. The message names the limit and its property.
     */
    public static void checkMessageSize(String what, long size, long min) {
        if (size < min || size > maxMessageBytes()) {
            throw new IllegalArgumentException(what + " " + size + " is outside " + min + ".." + maxMessageBytes()
                    + " bytes (" + MAX_MESSAGE_BYTES + ")");
        }
    }

    /** Checks the arguments of a chunked download; see {@link RpcImplementation#downloadStream}. */
    public static void checkTransfer(long totalBytes, int chunkSize) {
        if (totalBytes < 0) {
            throw new IllegalArgumentException("transfer size " + totalBytes + " is negative");
        }
        checkMessageSize("chunk size", chunkSize, 1);
    }

    /** Reads a positive int property; a malformed value is an error naming the property. */
    public static int positiveInt(String property, int defaultValue) {
        String text = System.getProperty(property);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(
                "system property " + property + "='" + text + "' is not a positive integer");
    }
}
