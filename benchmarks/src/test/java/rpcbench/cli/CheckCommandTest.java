package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import rpcbench.api.Transports;
import rpcbench.bench.Workload;

/** The check of a real run of every benchmark over every transport (the committed smoke-all.json). */
class CheckCommandTest {

    @Test
    void aCompleteRunPassesThoughInFlightLeavesOutTransportsWithoutAsyncCalls() throws Exception {
        // InFlightBenchmark has no tcp or rmi records by design; they must not count as missing
        Path result = Path.of(CheckCommandTest.class.getResource("/fixtures/smoke-all.json").toURI());
        assertEquals(0, CheckCommand.check(result, Workload.defaultRun(), Transports.names()));
    }

    /**
     * A real tcp rate run at 200 calls/s (kept up) and at 400,000 (fell behind): the second is named
     * as a warning, and fails the check only when asked.
     */
    @Test
    void aScheduleThatFellBehindIsAWarningUnlessFailBehindIsGiven() throws Exception {
        String result = Path.of(CheckCommandTest.class.getResource("/fixtures/rate-fell-behind.json").toURI()).toString();
        InProcess.Outcome warned = InProcess.run("check", result, "--benchmarks", "RateBenchmark", "--transports", "tcp");
        assertEquals(0, warned.exitCode(), warned.err());
        assertTrue(warned.err().contains("warning: schedule fell behind"), warned.err());
        assertTrue(warned.err().contains("rate=400000"), warned.err());
        assertFalse(warned.err().contains("rate=200,"), warned.err());

        InProcess.Outcome failed = InProcess.run("check", result, "--benchmarks", "RateBenchmark", "--transports", "tcp", "--fail-behind");
        assertEquals(Cli.EXIT_RUN_FAILED, failed.exitCode(), failed.err());
        assertTrue(failed.err().contains("check: schedule fell behind: RateBenchmark.scheduledCall"), failed.err());
    }
}
