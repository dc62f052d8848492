package rpcbench.api;

/**
 * The bytes a server sends for {@link RpcImplementation#download} and
 * {@link RpcImplementation#downloadStream}: byte {@code i} of a transfer is {@code i % 251}. The
 * period is a prime, so chunks of any power-of-two size differ from their neighbours and a
 * reordered, lost or repeated chunk shows; servers copy it from a template instead of computing
 * it per byte.
 */
public final class TransferPattern {

    static final int PERIOD = 251;
    // Copies are taken from here; long enough for one 64 KiB slice starting anywhere in a period.
    private static final byte[] TEMPLATE = new byte[64 * 1024 + PERIOD];

    static {
        for (int i = 0; i < TEMPLATE.length; i++) {
            TEMPLATE[i] = (byte) (i % PERIOD);
        }
    }

    private TransferPattern() {
    }

    /** The byte at {@code offset} of a transfer. */
    public static byte at(long offset) {
        return (byte) (offset % PERIOD);
    }

    /** Fills {@code target[from .. from+length)} with the transfer's bytes from {@code offset} on. */
    public static void fill(byte[] target, int from, int length, long offset) {
        int done = 0;
        while (done < length) {
            int start = (int) ((offset + done) % PERIOD);
            int n = Math.min(length - done, TEMPLATE.length - start);
            System.arraycopy(TEMPLATE, start, target, from + done, n);
            done += n;
        }
    }

    /** A new array holding {@code length} bytes of the transfer from {@code offset} on. */
    public static byte[] bytes(long offset, int length) {
        byte[] result = new byte[length];
        fill(result, 0, length, offset);
        return result;
    }

    /**
     * Index of the first byte of {@code data[from .. from+length)} that differs from the transfer's
     * bytes at {@code offset}, or -1 when all match.
     */
    public static int firstMismatch(byte[] data, int from, int length, long offset) {
        for (int i = 0; i < length; i++) {
            if (data[from + i] != at(offset + i)) {
                return i;
            }
        }
        return -1;
    }
}
