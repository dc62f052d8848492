package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
