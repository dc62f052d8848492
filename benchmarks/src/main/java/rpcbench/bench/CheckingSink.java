package rpcbench.bench;

import java.io.OutputStream;

import rpcbench.api.TransferPattern;

/**
 * Where downloaded chunks go in {@link TransferBenchmark}: counts bytes and, in the timed code,
 * checks only each chunk's first byte against the transfer pattern (one comparison, the same for
 * every transport); in full mode, outside the timed code, checks every byte.
 */
final class CheckingSink extends OutputStream {

    long bytes;
    String problem;
    private boolean full;

    void reset(boolean fullCheck) {
        bytes = 0;
        problem = null;
        full = fullCheck;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (problem == null && len > 0) {
            int bad = full ? TransferPattern.firstMismatch(b, off, len, bytes)
                    : (b[off] == TransferPattern.at(bytes) ? -1 : 0);
            if (bad >= 0) {
                problem = "downloaded byte " + (bytes + bad) + " differs from what the server sent";
            }
        }
        bytes += len;
    }
}
