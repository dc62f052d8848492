package rpcbench.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.atomic.AtomicInteger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheFileWholeLeavesNoPartialAndIsReadableByAll() throws Exception {
        Path out = dir.resolve("results.json");
        Files.writeString(out, "old");
        AtomicFiles.writeJson(List.of(Map.of("benchmark", "x")), out);
        assertTrue(Files.readString(out).contains("\"benchmark\" : \"x\""), Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary file left beside the result");
        }
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)),
                "not the owner-only permissions of a temporary file");
    }

    /** What Windows does while Explorer's preview or an antivirus holds a file open, imitated. */
    @Test
    void aMoveRefusedForAMomentIsTriedAgainAndAPermanentLockIsNamed() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        Path report = dir.resolve("report");
        AtomicFiles.retrying(report, () -> {
            if (tries.incrementAndGet() < 3) {
                throw new FileSystemException(report.toString(), null,
                        "The process cannot access the file because it is being used by another process");
            }
        }, new long[] {1, 1, 1});
        assertEquals(3, tries.get());

        IOException locked = assertThrows(IOException.class, () -> AtomicFiles.retrying(report, () -> {
            throw new AccessDeniedException(report.toString());
        }, new long[] {1, 1}));
        assertTrue(locked.getMessage().contains("stays locked") && locked.getMessage().contains("Explorer's preview"),
                locked.getMessage());

        AtomicInteger once = new AtomicInteger();
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.retrying(report, () -> {
            once.incrementAndGet();
            throw new NoSuchFileException(report.toString());
        }, new long[] {1, 1}));
        assertEquals(1, once.get(), "a missing file is not a lock: no second try");
    }
}
