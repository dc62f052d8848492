package rpcbench.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
