package rpcbench.files;

import java.io.IOException;
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
 * and readable like any other file.
 */
public final class AtomicFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
                Files.move(absolute, old.resolve("previous"), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE);
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
                Files.delete(p);
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
