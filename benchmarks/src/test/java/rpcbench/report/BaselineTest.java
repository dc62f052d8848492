package rpcbench.report;

import rpcbench.cli.InProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rpcbench.report.ReportCommandTest.section;
import static rpcbench.report.ReportFixtures.copy;
import static rpcbench.report.ReportFixtures.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run against a baseline: verdicts from JMH's confidence intervals, warnings when the runs differ. */
class BaselineTest {

    @TempDir
    Path dir;

    @Test
    void aRunAgainstItselfOnAnotherMachineAndProfile() throws Exception {
        Path base = copy(Files.createDirectory(dir.resolve("base")), "smoke-all.json");
        Path now = copy(Files.createDirectory(dir.resolve("now")), "smoke-all.json");
        Files.writeString(base.resolveSibling("env.json"), """
                {"os": "Linux 6.1", "cpu": "2 cores", "jdk": "17.0.15", "versions": {"grpc": "1.83.1"},
                 "profile": "smoke", "gitCommit": "aaa"}""");
        Files.writeString(now.resolveSibling("smoke-all-env.json"), """
                {"os": "Linux 6.1", "cpu": "8 cores", "jdk": "17.0.15", "versions": {"grpc": "1.84.0"},
                 "profile": "quick", "gitCommit": "bbb"}""");
        InProcess.Outcome o = report(now.toString(), "--baseline", base.toString());
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("warning: machine (cpu) differs: baseline 2 cores, candidate 8 cores"), o.out());
        assertTrue(o.out().contains("warning: profile differs: baseline smoke, candidate quick"), o.out());
        assertTrue(o.out().contains("warning: version of grpc differs: baseline 1.83.1, candidate 1.84.0"), o.out());
        assertTrue(!o.out().contains("gitCommit"), "commits differ by design: " + o.out());

        String table = section(o.out(), "Against the baseline " + base);
        // the same sampled results: intervals overlap; a single iteration has no interval at all
        assertTrue(table.matches("(?s).*SimpleCallBenchmark\\.simpleCallLatency .*1\\.00 +no difference.*"), table);
        assertTrue(table.contains("PayloadBenchmark.echo") && table.contains(Comparison.UNKNOWN), table);
        String md = Files.readString(now.resolveSibling("smoke-all-report/report.md"));
        assertTrue(md.contains("## Against the baseline") && md.contains("**warning:** profile differs"), md);
    }

    @Test
    void runsWithoutEnvironmentFilesSaySoAndCompareJdkAndJmh() throws Exception {
        Path base = copy(dir, "other-project.json");
        Path now = copy(Files.createDirectory(dir.resolve("now")), "other-project.json");
        InProcess.Outcome o = report(now.toString(), "--baseline", base.toString());
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("warning: no environment file beside either run"), o.out());
        assertTrue(!o.out().contains("JDK differs"), o.out());
    }

    private static final double M = Comparison.MIN_CHANGE;

    @Test
    void verdictsFromConfidenceIntervals() {
        // time per op (lower is better): 100 ± 5 against 80 ± 5 is faster; 100 ± 15 against 80 ± 15 overlaps
        assertEquals(Comparison.FASTER, Comparison.verdict(record("avgt", 100, 5), record("avgt", 80, 5), M));
        assertEquals(Comparison.SLOWER, Comparison.verdict(record("avgt", 80, 5), record("avgt", 100, 5), M));
        assertEquals(Comparison.SAME, Comparison.verdict(record("avgt", 100, 15), record("avgt", 80, 15), M));
        // throughput (higher is better)
        assertEquals(Comparison.FASTER, Comparison.verdict(record("thrpt", 80, 5), record("thrpt", 100, 5), M));
        assertEquals(Comparison.SLOWER, Comparison.verdict(record("thrpt", 100, 5), record("thrpt", 80, 5), M));
        assertEquals(Comparison.UNKNOWN, Comparison.verdict(record("avgt", 100, Double.NaN), record("avgt", 80, 5), M));
    }

    @Test
    void aDifferenceBelowTheSmallestChangeIsNoDifferenceEvenWithDisjointErrorBars() {
        // 100 +- 0.5 against 96 +- 0.5: disjoint, but 4% apart
        assertEquals(Comparison.SAME, Comparison.verdict(record("avgt", 100, 0.5), record("avgt", 96, 0.5), M));
        assertEquals(Comparison.FASTER, Comparison.verdict(record("avgt", 100, 0.5), record("avgt", 94, 0.5), M));
        assertEquals(Comparison.FASTER, Comparison.verdict(record("avgt", 100, 0.5), record("avgt", 96, 0.5), 0.0));
    }

    private static JmhRecord record(String mode, double score, double error) {
        return new JmhRecord("x.Y.z", mode, 1, 1, new TreeMap<>(), new JmhRecord.Metric(score, error, "us/op"),
                new TreeMap<>(), Map.of(), "1.37", "java", "17", "17", "");
    }
}
