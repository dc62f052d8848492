package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transports;
import rpcbench.server.ServerLaunch;
import rpcbench.server.ServerProcess;

/**
 * Where the server runs, with real processes: a server started by hand with the {@code server}
 * sub-command and used by a smoke run, and servers started behind a command prefix.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class PlacementProcessTest {

    private static final String[] SMOKE = {"SimpleCallBenchmark", "--profile", "smoke", "-p", "transport=tcp"};

    @TempDir
    Path dir;

    @Test
    void aRunUsesAServerStartedByHandAndMeasuresNoServerCost() throws Exception {
        Process server = MainProcess.start(dir, List.of(), "server", "--transport", "tcp", "--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("READY "), "server said " + ready);
            String address = "127.0.0.1:" + ready.substring(6);
            Path result = dir.resolve("external.json");
            String log = run(0, List.of("-Drpcbench.server.address=" + address, "-Drpcbench.wire=false"),
                    "-rff", result.toString());
            assertTrue(log.contains("using the tcp server already running at " + address), log);
            JsonNode secondary = new ObjectMapper().readTree(result.toFile()).get(0).get("secondaryMetrics");
            assertTrue(secondary.get("·calls").get("score").asDouble() > 0, secondary.toString());
            assertTrue(secondary.has("·client.cpu"), secondary.toString());
            assertFalse(secondary.has("·server.cpu"), "server cost of a server that is not ours: " + secondary);
            assertTrue(server.isAlive(), "the run must leave a server it did not start running");
        } finally {
            server.destroy();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "server did not stop on SIGTERM");
        }
    }

    @Test
    void anExternalServerServesOneTransportOnly() throws Exception {
        Process p = MainProcess.start(dir, List.of("-Drpcbench.server.address=127.0.0.1:7000"), "SimpleCallBenchmark",
                "-p", "transport=tcp,grpc");
        String output = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertEquals(1, output.lines().count(), output);
        assertTrue(output.contains("rpcbench.server.address") && output.contains("-p transport=NAME"), output);
    }

    @Test
    void serversStartBehindThePrefixInTheForks() throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "nice(1)");
        Path result = dir.resolve("prefixed.json");
        run(0, List.of("-Drpcbench.server.prefix=nice -n 0", "-Drpcbench.wire=false"), "-rff", result.toString());
        JsonNode secondary = new ObjectMapper().readTree(result.toFile()).get(0).get("secondaryMetrics");
        assertTrue(secondary.get("·server.cpu").get("score").asDouble() > 0, secondary.toString());
        // A prefix that cannot start fails the run naming it: proof that the forks use the prefix.
        String log = run(-1, List.of("-Drpcbench.server.prefix=no-such-prefix-command", "-Drpcbench.wire=false"),
                "-foe", "true", "-rff", dir.resolve("failed.json").toString());
        assertTrue(log.contains("no-such-prefix-command"), log);
    }

    @Test
    void thePrefixIsTheServersParentCommand() throws Exception {
        Path environ = Path.of("/proc/self/environ");
        Assumptions.assumeTrue(Files.isReadable(environ), "reads /proc/PID/environ");
        ServerLaunch plain = ServerLaunch.of("tcp", RpcSettings.defaults());
        ServerLaunch launch = new ServerLaunch("tcp", plain.bindAddress(), 0, plain.jvmArgs(),
                ServerLaunch.words("env RPCBENCH_PREFIX_MARK=yes"));
        try (ServerProcess server = ServerProcess.start(launch, RpcSettings.defaults());
                RpcImplementation client = Transports.byName("tcp").newClient(RpcSettings.defaults())) {
            client.setup(server.endpoint());
            assertEquals(42, client.simpleCall(41));
            String env = new String(Files.readAllBytes(Path.of("/proc", Long.toString(server.pid()), "environ")));
            assertTrue(env.contains("RPCBENCH_PREFIX_MARK=yes"), "env(1) did not start the server");
        }
    }

    @Test
    void badProfileAndBadServerOptionsAreOneLineAndExitTwo() throws Exception {
        for (String[] bad : new String[][] {{"--profile", "fastest"}, {"server", "--transport", "tcp", "--port", "70000"},
                {"server", "--port", "0"}, {"server", "--transport", "pigeon"}, {"env", "--colour", "red"},
                {"preflight", "--strict"}}) {
            Process p = MainProcess.start(dir, List.of(), bad);
            String output = new String(p.getInputStream().readAllBytes()).trim();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), String.join(" ", bad) + ": " + output);
            assertEquals(1, output.lines().count(), output);
        }
    }

    /** A smoke run of SimpleCallBenchmark over tcp; checks the exit code (-1: any but 0); returns its log. */
    private String run(int expectedExit, List<String> jvmFlags, String... more) throws Exception {
        String[] args = Stream.concat(Arrays.stream(SMOKE), Arrays.stream(more))
                .toArray(String[]::new);
        Process p = MainProcess.start(dir, jvmFlags, args);
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not finish");
        if (expectedExit < 0) {
            assertNotEquals(0, p.exitValue(), log);
        } else {
            assertEquals(expectedExit, p.exitValue(), log);
        }
        return log;
    }
}
