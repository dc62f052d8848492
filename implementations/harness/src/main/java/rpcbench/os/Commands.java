package rpcbench.os;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How rpc-bench asks the operating system's own tools (taskset, PowerShell, powercfg, git): a short
 * command, its exit code and the bytes it printed, decoded later by {@link ConsoleText}. An
 * interface so that tests hand in a Windows machine's answers on Linux.
 */
@FunctionalInterface
public interface Commands {

    /**
     * What a command did.
     *
     * @param exitCode its exit code; -1 when it was stopped after the time limit
     * @param out      what it printed on stdout
     * @param err      what it printed on stderr
     */
    record Result(int exitCode, byte[] out, byte[] err) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** Stdout as text, decoded as console tools write it ({@link ConsoleText#ofTool}), trimmed. */
        public String outText() {
            return ConsoleText.ofTool(out).trim();
        }

        /** The first line of stderr (or of stdout when stderr is empty), for a one-line error. */
        public String firstErrorLine() {
            String text = ConsoleText.ofTool(err).trim();
            text = text.isEmpty() ? outText() : text;
            return text.isEmpty() ? "exit code " + exitCode : text.lines().findFirst().orElse("").trim();
        }
    }

    /**
     * Runs {@code command} with an empty stdin (PowerShell waits for a pipe's end otherwise).
     *
     * @throws IOException when it cannot be started (not installed)
     */
    Result run(List<String> command) throws IOException;

    /** The real machine: each command may take {@code seconds} before it is stopped. */
    static Commands system(long seconds) {
        return command -> {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            // Both pipes are read while the command runs, so that one filling up cannot block it.
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread outReader = reader(p.getInputStream(), out);
            Thread errReader = reader(p.getErrorStream(), err);
            try {
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, new byte[0], ("stopped after " + seconds + " s").getBytes());
                }
                outReader.join(TimeUnit.SECONDS.toMillis(seconds));
                errReader.join(TimeUnit.SECONDS.toMillis(seconds));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
            synchronized (out) {
                synchronized (err) {
                    return new Result(p.exitValue(), out.toByteArray(), err.toByteArray());
                }
            }
        };
    }

    private static Thread reader(InputStream in, ByteArrayOutputStream into) {
        Thread t = new Thread(() -> {
            try (in) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (into) {
                        into.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the command went away; what it printed so far is kept
            }
        }, "rpcbench-command-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
