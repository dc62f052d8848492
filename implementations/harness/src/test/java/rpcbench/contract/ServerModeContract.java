package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.Transport;
import rpcbench.server.ServerProcess;
import rpcbench.server.ServerStats;

/**
 * Every server mode of the transport serves the contract's calls (the rest of the suite runs
 * against the default mode), a mode needing a later JDK is refused on this one, an unknown mode is
 * refused in one line naming the valid ones, and {@code rpcbench.work.us} makes the server spend
 * CPU in each call. Each case starts a server process of its own.
 */
interface ServerModeContract {

    /** Work per call in the work case, and calls made: 40 calls of 2 ms, 80 ms of CPU. */
    int WORK_MICROS = 2_000;
    int WORK_CALLS = 20;

    String transportName();

    RpcSettings settings();

    Transport transport();

    @TestFactory
    default Stream<DynamicTest> everyOtherServerModeServesCallsAndEchoes() {
        return transport().serverModes().stream().skip(1).map(mode -> DynamicTest.dynamicTest(mode.name(), () -> {
            RpcSettings settings = settings().with(ServerMode.SETTING, mode.name());
            if (Runtime.version().feature() < mode.minimumJdk()) {
                IOException e = assertThrows(IOException.class,
                        () -> ServerProcess.start(transportName(), settings).close());
                assertTrue(e.getMessage().contains("needs JDK " + mode.minimumJdk()), e.getMessage());
                return;
            }
            try (ServerProcess server = ServerProcess.start(transportName(), settings);
                 RpcImplementation client = transport().connect(settings, server.endpoint())) {
                for (int v : new int[] {0, -1, 41, Integer.MAX_VALUE}) {
                    assertEquals(v + 1, client.simpleCall(v), mode.name() + ": simpleCall(" + v + ")");
                }
                Random random = new Random(mode.name().hashCode());
                for (int size : new int[] {0, 1024, 200_000}) {
                    byte[] payload = new byte[size];
                    random.nextBytes(payload);
                    assertArrayEquals(payload, client.echo(payload), mode.name() + ": echo of " + size + " bytes");
                }
                int[] next = {0};
                assertEquals(1000, client.streamValues(1000, v -> assertEquals(next[0]++, v)), mode.name() + ": stream");
            }
        }));
    }

    @Test
    default void anUnknownServerModeIsRefusedInOneLineNamingTheValidOnes() {
        long before = ProcessHandle.current().descendants().count();
        RpcSettings settings = settings().with(ServerMode.SETTING, "no-such-mode");
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start(transportName(), settings).close());
        assertTrue(e.getMessage().contains("exited with code 2"), e.getMessage());
        assertTrue(e.getMessage().contains("| ServerMain: " + transportName() + " has no server mode 'no-such-mode'"
                + " (valid: " + ServerMode.names(transport()) + ")"), e.getMessage());
        assertTrue(ProcessHandle.current().descendants().count() <= before, "a refused server outlived its start");
    }

    /**
     * Functional, not a timing: the server's own CPU accounting (STATS) must grow by at least half
     * the work asked for, which calls without work (tens of microseconds each) cannot reach.
     */
    @Test
    default void workMakesTheServerSpendCpuInEachCallAndEcho() throws IOException {
        RpcSettings settings = settings().with(ServerWork.MICROS, WORK_MICROS);
        try (ServerProcess server = ServerProcess.start(transportName(), settings);
             RpcImplementation client = transport().connect(settings, server.endpoint())) {
            byte[] payload = new byte[1024];
            for (int i = 0; i < 5; i++) { // the first calls load classes: outside the window
                client.simpleCall(i);
                client.echo(payload);
            }
            ServerStats before = server.stats();
            for (int i = 0; i < WORK_CALLS; i++) {
                assertEquals(i + 1, client.simpleCall(i));
                assertArrayEquals(payload, client.echo(payload));
            }
            long spent = server.stats().cpuNanos() - before.cpuNanos();
            long asked = 2L * WORK_CALLS * WORK_MICROS * 1000;
            assertTrue(spent >= asked / 2, "server CPU " + spent / 1e6 + " ms for " + 2 * WORK_CALLS + " calls of "
                    + WORK_MICROS + " µs work: under half of " + asked / 1e6 + " ms");
        }
    }
}
