package rpcbench.orchestration;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import rpcbench.os.ConsoleText;

/**
 * console.log: everything {@code run} and its benchmark JVM print, on the console as it was and in
 * the file in UTF-8 whatever the console's code page (Windows PowerShell 5.1's Tee-Object wrote
 * UTF-16, and decoded Java's output with the wrong code page). While it is open, this JVM's
 * System.out and System.err go to both; {@link #copy} adds a child's output, which is asked for
 * in UTF-8 and decoded line by line ({@link ConsoleText#ofJvm}), so that a line the JVM's launcher
 * wrote in the platform's code page is shown, not garbled.
 */
final class ConsoleLog implements AutoCloseable {

    private final OutputStream file;
    private final PrintStream out;
    private final PrintStream err;

    private ConsoleLog(OutputStream file, PrintStream out, PrintStream err) {
        this.file = file;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code log} (a new file) and sends this JVM's output to it as well as to the console. */
    static ConsoleLog start(Path log) throws IOException {
        OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(log));
        ConsoleLog console = new ConsoleLog(file, System.out, System.err);
        System.setOut(new PrintStream(new Tee(System.out, file), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(System.err, file), true, StandardCharsets.UTF_8));
        return console;
    }

    /**
     * Copies a child's output (stdout and stderr merged) to the console and the log until it ends.
     * A line is shown as soon as it is complete; a partial line (JMH's "Iteration 1:" before its
     * score) as soon as what came of it is valid UTF-8.
     */
    void copy(InputStream child) throws IOException {
        byte[] pending = new byte[0];
        byte[] buffer = new byte[8192];
        for (int n; (n = child.read(buffer)) >= 0; ) {
            pending = concat(pending, buffer, n);
            int start = 0;
            for (int i = 0; i < pending.length; i++) {
                if (pending[i] == '\n') {
                    System.out.print(ConsoleText.ofJvm(Arrays.copyOfRange(pending, start, i + 1)));
                    start = i + 1;
                }
            }
            pending = Arrays.copyOfRange(pending, start, pending.length);
            int complete = completeUtf8(pending);
            if (complete > 0) {
                System.out.print(new String(pending, 0, complete, StandardCharsets.UTF_8));
                pending = Arrays.copyOfRange(pending, complete, pending.length);
            }
            System.out.flush();
        }
        if (pending.length > 0) {
            System.out.print(ConsoleText.ofJvm(pending));
        }
        System.out.flush();
    }

    /** Bytes of {@code b} that are whole UTF-8 characters, when all of it is UTF-8 (or may become); 0 otherwise. */
    static int completeUtf8(byte[] b) {
        if (!ConsoleText.isUtf8Prefix(b, b.length)) {
            return 0; // another code page: wait for the end of the line
        }
        int end = b.length;
        // Leave out a last character whose bytes have not all come yet.
        for (int back = 1; back <= 3 && back <= b.length; back++) {
            int lead = b[b.length - back] & 0xFF;
            if (lead >= 0xC0) {
                int size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                end = size > back ? b.length - back : b.length;
                break;
            }
            if (lead < 0x80) {
                break;
            }
        }
        return end;
    }

    /** Puts System.out and System.err back and closes the file. */
    @Override
    public void close() throws IOException {
        System.out.flush();
        System.err.flush();
        System.setOut(out);
        System.setErr(err);
        synchronized (file) {
            file.close();
        }
    }

    private static byte[] concat(byte[] a, byte[] b, int n) {
        byte[] all = Arrays.copyOf(a, a.length + n);
        System.arraycopy(b, 0, all, a.length, n);
        return all;
    }

    /**
     * UTF-8 bytes (what the PrintStream above makes of this JVM's text) to the file as they are,
     * and decoded back into text for the console, whose own encoding then writes them.
     */
    private static final class Tee extends OutputStream {
        private final PrintStream console;
        private final OutputStream file;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer leftover = ByteBuffer.allocate(0);

        Tee(PrintStream console, OutputStream file) {
            this.console = console;
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            synchronized (file) {
                file.write(b, off, len);
            }
            ByteBuffer in = ByteBuffer.allocate(leftover.remaining() + len);
            in.put(leftover).put(b, off, len).flip();
            CharBuffer chars = CharBuffer.allocate(in.remaining());
            decoder.decode(in, chars, false);
            leftover = in.slice();
            console.append(chars.flip());
        }

        @Override
        public void flush() throws IOException {
            synchronized (file) {
                file.flush();
            }
            console.flush();
        }
    }
}
