package rpcbench.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Carries an IOException thrown by the caller's own source or sink through the client's I/O
 * error handling, so that it reaches the caller unchanged instead of being reported as a lost
 * connection. A client wraps each source read and sink write in {@link #read} / {@link #write},
 * catches CallersOwn around the call, marks itself unusable and rethrows {@link #getCause()}.
 */
public final class CallersOwn extends Exception {

    private CallersOwn(IOException cause) {
        super(cause.getMessage(), cause, false, false);
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }

    /** Reads up to a whole chunk, as {@link InputStream#readNBytes(byte[], int, int)}. */
    public static int read(InputStream source, byte[] chunk) throws CallersOwn {
        try {
            return source.readNBytes(chunk, 0, chunk.length);
        } catch (IOException e) {
            throw new CallersOwn(e);
        }
    }

    /** Reads up to {@code length} bytes into {@code buffer[offset..]}, as {@link InputStream#readNBytes}. */
    public static int read(InputStream source, byte[] buffer, int offset, int length) throws CallersOwn {
        try {
            return source.readNBytes(buffer, offset, length);
        } catch (IOException e) {
            throw new CallersOwn(e);
        }
    }

    /** Writes {@code buffer[offset .. offset+length)} to the sink. */
    public static void write(OutputStream sink, byte[] buffer, int offset, int length) throws CallersOwn {
        try {
            sink.write(buffer, offset, length);
        } catch (IOException e) {
            throw new CallersOwn(e);
        }
    }

    public static void write(OutputStream sink, byte[] chunk, int length) throws CallersOwn {
        try {
            sink.write(chunk, 0, length);
        } catch (IOException e) {
            throw new CallersOwn(e);
        }
    }
}
