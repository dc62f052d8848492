package rpcbench.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A transfer benchmark's file goes away with its handle, also from a JVM that is killed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScratchFileTest {

    @TempDir
    Path dir;

    @Test
    void readsBackWhatWasWrittenAsOftenAsAskedAndIsGoneOnceClosed() throws Exception {
        byte[] bytes = new byte[3 << 20];
        new SplittableRandom(7).nextBytes(bytes);
        Path name;
        try (ScratchFile file = ScratchFile.create("rpcbench-transfer-")) {
            name = Path.of(file.toString());
            try (OutputStream out = file.append()) {
                out.write(bytes, 0, 1000);
                out.write(bytes, 1000, bytes.length - 1000);
            }
            assertEquals(bytes.length, file.size());
            for (int pass = 0; pass < 2; pass++) {
                try (InputStream in = file.read()) {
                    assertArrayEquals(bytes, in.readAllBytes());
                }
            }
        }
        assertFalse(Files.exists(name), name + " outlived its handle");
    }

    @Test
    void aKilledJvmLeavesNoFileBehind() throws Exception {
        // destroyForcibly: SIGKILL on Linux, TerminateProcess on Windows; no shutdown hook runs in either.
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"), Holder.class.getName())
                .redirectErrorStream(true).start();
        String ready = new String(jvm.getInputStream().readNBytes(6));
        assertEquals("READY\n", ready);
        jvm.destroyForcibly();
        assertTrue(jvm.waitFor(20, TimeUnit.SECONDS));
        try (var left = Files.list(dir)) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith("rpcbench-transfer-")).count(),
                    "a killed JVM left its transfer file in " + dir);
        }
    }

    /** Holds a 1 MB scratch file open until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            ScratchFile file = ScratchFile.create("rpcbench-transfer-");
            try (OutputStream out = file.append()) {
                out.write(new byte[1 << 20]);
            }
            System.out.print("READY\n");
            System.out.flush();
            Thread.sleep(60_000);
            file.close();
        }
    }
}
