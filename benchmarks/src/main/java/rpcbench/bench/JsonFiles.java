package rpcbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import com.fasterxml.jackson.databind.ObjectMapper;

/** How every JSON file of a run is written: whole or not at all, and readable like any other file. */
public final class JsonFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFiles() {
    }

    /**
     * Writes {@code value} as indented JSON through a temporary file beside {@code out}, then moves
     * it into place: a reader never sees half a file, and a failed write leaves the old one. The
     * temporary file's owner-only permissions are widened to rw-r--r-- first, or they would stay on
     * the result.
     */
    public static void write(Object value, Path out) throws IOException {
        Path absolute = out.toAbsolutePath();
        Path partial = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".partial");
        try {
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), value);
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the file has its folder's permissions already
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
