package rpcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rpcbench.report.ReportCommandTest.section;
import static rpcbench.report.ReportFixtures.copy;
import static rpcbench.report.ReportFixtures.report;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rpcbench.cli.InProcess;

/**
 * A message call split into serialization and the rest, on a real sitting of 2026-12-02 (every
 * transport's natural codec, three shapes, pinned) and the codec-only run of the same sitting.
 */
class CodecSplitReportTest {

    private static final List<String> TRANSPORTS = List.of("tcp", "rmi", "zeromq", "grpc", "http", "websocket");

    @TempDir
    Path dir;

    @Test
    void eachMessageCallShowsItsCodecAloneAndTheRest() throws Exception {
        Path messages = copy(dir, "messages-natural.json", "messages-natural-wire.json");
        Path codecs = copy(dir, "codec-alone.json");
        InProcess.Outcome o = report(messages.toString(), codecs.toString(), "--out", dir.resolve("report").toString());
        assertEquals(0, o.exitCode(), o.err());

        String medium = section(o.out(), "MessageBenchmark.message codec=natural, placement=separate, shape=medium");
        assertTrue(medium.contains("codec alone") && medium.contains("rest (transport)"), medium);
        for (String t : TRANSPORTS) {
            assertTrue(medium.contains("\n  " + t + " "), t + " missing in\n" + medium);
        }
        // tcp's natural codec is protobuf: 33.0 µs alone (CodecBenchmark), the call 272 µs, the rest 239 µs
        assertTrue(medium.matches("(?s).*\n  tcp +272 ± 123 .* 33\\.0 +239 +1944 / 34\\.0 .*"), medium);
        // http's is JSON (46.8 µs alone) and rmi's Java serialization (82.1 µs)
        assertTrue(medium.matches("(?s).*\n  http +565 .* 46\\.8 +518 .*"), medium);
        assertTrue(medium.matches("(?s).*\n  rmi +439 .* 82\\.1 +356 .*"), medium);

        // Java serialization of the large order alone (10,981 ± 7,346 µs) measured slower than RMI's whole call
        // (7,726 µs): the split says so instead of a negative time.
        String large = section(o.out(), "MessageBenchmark.message codec=natural, placement=separate, shape=large");
        assertTrue(large.matches("(?s).*\n  rmi +7726 ± 4038 .* 10981 +≤ 0 +278633 / 180 .*"), large);
    }
}
