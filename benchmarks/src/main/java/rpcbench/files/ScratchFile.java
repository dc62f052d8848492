package rpcbench.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file that the operating system deletes when its one handle closes, also when the
 * process is killed and no shutdown hook runs (a transfer benchmark's file is up to hundreds of MB):
 * opened with DELETE_ON_CLOSE, which is FILE_FLAG_DELETE_ON_CLOSE on Windows and an unlink right
 * after opening on Linux. It is read through that handle, never again by name.
 */
public final class ScratchFile implements AutoCloseable {

    private final FileChannel channel;
    private final String name;

    private ScratchFile(FileChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    /** A new empty file in the temporary folder whose name starts with {@code prefix}. */
    public static ScratchFile create(String prefix) throws IOException {
        Path path = Files.createTempFile(prefix, ".bin");
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        return new ScratchFile(channel, path.toString());
    }

    /** Writes at the end of the file; the stream's close leaves the file open. */
    public OutputStream append() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer, channel.size());
                }
            }
        };
    }

    /** Reads the whole file from its first byte; any number of these may be open, one after another or at once. */
    public InputStream read() {
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, len), position);
                if (n > 0) {
                    position += n;
                }
                return n;
            }
        };
    }

    public long size() throws IOException {
        return channel.size();
    }

    /** The name it was created under (gone from the folder on Linux already), for messages. */
    @Override
    public String toString() {
        return name;
    }

    /** Closes the handle: the OS deletes the file. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
