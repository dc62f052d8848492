package rpcbench.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How every file and folder a run leaves behind is written: whole or not at all (written aside,
 * then moved into place, so a reader never sees half of it and a failed write leaves the old one),
 * and readable like any other file. On Windows a file that another program holds open (Explorer's
 * preview, an antivirus, the search indexer) cannot be moved or deleted for a moment: each move and
 * delete is tried again for a few seconds before it fails, naming the file.
 */
public final class AtomicFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Pauses between tries of a move or delete that Windows refused: about 7 s in all (none elsewhere). */
    static final long[] RETRY_PAUSES_MS = System.getProperty("os.name", "").startsWith("Windows")
            ? new long[] {50, 100, 200, 400, 800, 1500, 2000, 2000} : new long[0];

    /** One file system step that Windows may refuse for a moment. */
    @FunctionalInterface
    interface Step {
        void run() throws IOException;
    }

    /** Fills a new, empty folder. */
    @FunctionalInterface
    public interface FolderWriter {
        void fill(Path folder) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code value} as indented JSON to {@code out}. */
    public static void writeJson(Object value, Path out) throws IOException {
        Path absolute = out.toAbsolutePath();
        Path partial = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".partial");
        try {
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), value);
            // A temporary file is owner-only (rw-------); the result is for anyone to read.
            readableByAll(partial, "rw-r--r--");
            retrying(absolute, () -> Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE), RETRY_PAUSES_MS);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Replaces the folder {@code out} (or creates it) by one that {@code writer} fills beside it.
     * The caller decides whether {@code out} may be replaced: everything in it is deleted.
     */
    public static void replaceFolder(Path out, FolderWriter writer) throws IOException {
        Path absolute = out.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IOException(out + " exists and is not a folder");
        }
        Files.createDirectories(absolute.getParent());
        Path partial = Files.createTempDirectory(absolute.getParent(), absolute.getFileName() + ".partial-");
        try {
            readableByAll(partial, "rwxr-xr-x");
            writer.fill(partial);
            Path old = null;
            if (Files.exists(absolute)) {
                old = Files.createTempDirectory(absolute.getParent(), absolute.getFileName() + ".old-");
                Path aside = old.resolve("previous");
                retrying(absolute, () -> Files.move(absolute, aside, StandardCopyOption.ATOMIC_MOVE), RETRY_PAUSES_MS);
            }
            retrying(absolute, () -> Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE), RETRY_PAUSES_MS);
            if (old != null) {
                deleteTree(old);
            }
        } finally {
            if (Files.exists(partial)) {
                deleteTree(partial);
            }
        }
    }

    /** Deletes a folder and everything in it. */
    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                retrying(p, () -> Files.delete(p), RETRY_PAUSES_MS);
            }
        }
    }

    /**
     * Runs {@code step}, again after each pause while Windows refuses it because a file is held
     * open (access denied, or "used by another process"); other failures are not retried.
     *
     * @throws IOException after the last pause, naming {@code path} and the likely holder
     */
    static void retrying(Path path, Step step, long[] pauses) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                step.run();
                return;
            } catch (FileSystemException e) {
                boolean held = e instanceof AccessDeniedException || e.getClass() == FileSystemException.class;
                if (!held) {
                    throw e;
                }
                if (attempt == pauses.length) {
                    throw new IOException(path + " stays locked (" + e.getMessage() + "): another program holds a"
                            + " file there open, such as Explorer's preview, an antivirus or the search indexer;"
                            + " close it and try again", e);
                }
                try {
                    Thread.sleep(pauses[attempt]);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void readableByAll(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the path has its folder's permissions already
        }
    }
}
