package rpcbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.SharedPort;
import rpcbench.api.Transport;
import rpcbench.api.Transports;

/**
 * Several server processes on one port (SO_REUSEPORT), in real processes: both take connections,
 * each answers its own STATS, and when one dies the other serves every new client.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerGroupTest {

    private static final int CLIENTS = 24;

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "http", "grpc"})
    void twoProcessesShareOnePortAndTheSurvivorServesOn(String name) throws IOException {
        Assumptions.assumeTrue(SharedPort.supported() && Files.isDirectory(Path.of("/proc/self/fd")),
                "needs SO_REUSEPORT and /proc (Linux)");
        Transport transport = Transports.byName(name);
        RpcSettings settings = RpcSettings.defaults();
        try (ServerGroup group = ServerGroup.start(ServerLaunch.of(name, settings), settings, 2)) {
            List<ServerProcess> both = group.processes();
            assertEquals(2, both.size());
            assertEquals(both.get(0).endpoint().port(), both.get(1).endpoint().port());
            long[] before = {sockets(both.get(0)), sockets(both.get(1))};
            List<RpcImplementation> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    RpcImplementation client = transport.connect(settings, group.endpoint());
                    clients.add(client);
                    assertEquals(i + 1, client.simpleCall(i));
                }
                long first = sockets(both.get(0)) - before[0];
                long second = sockets(both.get(1)) - before[1];
                // Each connection is a socket in one of the two; all 24 in one would be a 1 in 2^23 hash.
                assertTrue(first > 0 && second > 0 && first + second >= CLIENTS,
                        name + ": connections per process " + first + " and " + second);
                ServerStats sum = group.stats();
                assertTrue(sum.cpuNanos() > both.get(0).stats().cpuNanos(), "the group's CPU is both processes'");
            } finally {
                clients.forEach(RpcImplementation::teardown);
            }
            both.get(0).kill();
            for (int i = 0; i < 8; i++) { // the kernel gives new connections to the one left
                try (RpcImplementation client = transport.connect(settings, group.endpoint())) {
                    assertEquals(43, client.simpleCall(42));
                }
            }
            assertTrue(both.get(1).isAlive());
        }
    }

    @Test
    void aTransportThatCannotShareItsPortIsRefusedInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerGroup.check(Transports.byName("rmi"), 2));
        assertEquals("serverProcesses=2: rmi's server cannot share its port with other processes; transports that can:"
                + " tcp, grpc, http", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ServerGroup.check(Transports.byName("tcp"), 17));
        assertEquals("serverProcesses=17: give 1 to 16", e.getMessage());
    }

    /** Sockets the process holds open (Linux: its /proc/PID/fd links to socket:[inode]). */
    private static long sockets(ServerProcess process) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }
}
