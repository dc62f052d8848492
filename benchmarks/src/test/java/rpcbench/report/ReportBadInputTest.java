package rpcbench.report;

import rpcbench.cli.InProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rpcbench.report.ReportFixtures.copy;
import static rpcbench.report.ReportFixtures.listing;
import static rpcbench.report.ReportFixtures.report;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the report command: one line on stderr naming the file and the problem, exit code
 * 2, and nothing written beside the inputs (no report folder, no temporary one).
 */
class ReportBadInputTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFile() {
        assertRefused("no such file", dir.resolve("nowhere.json").toString());
    }

    @Test
    void aFileThatIsNotJson() throws Exception {
        assertRefused("not JSON", copy(dir, "truncated.json").toString());
    }

    @Test
    void jsonThatIsNotJmhOutput() throws Exception {
        assertRefused("not JMH JSON output", copy(dir, "foreign.json").toString());
    }

    @Test
    void anEmptyResultList() throws Exception {
        assertRefused("holds no benchmark results", copy(dir, "empty.json").toString());
    }

    @Test
    void aBadFileAmongGoodOnesWritesNothing() throws Exception {
        Path good = copy(dir, "smoke-tcp.json");
        assertRefused("not JSON", good.toString(), copy(dir, "truncated.json").toString());
    }

    @Test
    void aBaselineWithNothingInCommon() throws Exception {
        Path result = copy(dir, "smoke-tcp.json");
        Path other = copy(dir, "other-project.json");
        assertRefused("the baseline has no benchmark with the same parameters and threads", result.toString(),
                "--baseline", other.toString());
    }

    @Test
    void aBadBaselineFile() throws Exception {
        Path result = copy(dir, "smoke-tcp.json");
        assertRefused("holds no benchmark results", result.toString(), "--baseline", copy(dir, "empty.json").toString());
    }

    @Test
    void badCommandLines() throws Exception {
        Path result = copy(dir, "smoke-tcp.json");
        assertRefused("Unknown option: '--outdir'", result.toString(), "--outdir", "x");
        assertRefused("Missing required parameter for option '--baseline'", result.toString(), "--baseline");
        assertRefused("Missing required parameter: 'RESULT.json'");
    }

    @Test
    void anOutFolderHoldingOtherFilesIsNeverReplaced() throws Exception {
        Path result = copy(dir, "smoke-tcp.json");
        // --out naming the folder that holds the results themselves: they must survive
        assertRefused("holds files that are not a report", result.toString(), "--out", dir.toString());
        assertTrue(java.nio.file.Files.isRegularFile(result), "the result file is still there");
    }

    private void assertRefused(String problem, String... args) {
        String before = listing(dir);
        InProcess.Outcome o = report(args);
        assertEquals(2, o.exitCode(), o.out() + o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().contains(problem), o.err());
        String named = args.length > 0 && !args[args.length - 1].startsWith("-") ? args[args.length - 1] : "";
        if (named.endsWith(".json")) {
            assertTrue(o.err().contains(Path.of(named).getFileName().toString()), "names the file: " + o.err());
        }
        assertEquals("", o.out(), "no summary printed for bad input");
        assertEquals(before, listing(dir), "nothing written");
    }
}
