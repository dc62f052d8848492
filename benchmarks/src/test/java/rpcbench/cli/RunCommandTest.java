package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rpcbench.orchestration.FakeWindows;
import rpcbench.orchestration.Host;

/**
 * run's command line, checked in this JVM with --dry-run (what the benchmark JVM would get) and
 * with bad input (one line, exit 2, nothing created); Windows' rules through a Windows host.
 */
class RunCommandTest {

    @TempDir
    Path dir;

    @AfterEach
    void thisMachineAgain() {
        RunCommand.hosts = Host::current;
    }

    @Test
    void powerShellNamesInAnyCaseAndBashNamesGiveTheSameBenchmarkJvm() {
        String ps = dryRun("-Profile", "Quick", "-TRANSPORTS", "grpc,tcp", "-clients", "1", "16", "128",
                "-ClientJvmArgs", "-Xmx1g '-Dx.y=a b'", "-Benchmarks", "SimpleCall", "-JmhArgs", "-p", "size=1024");
        String bash = dryRun("--profile", "quick", "--transports", "grpc", "tcp", "--clients", "1,16,128",
                "--client-jvm-args", "-Xmx1g \"-Dx.y=a b\"", "--benchmarks=SimpleCall", "--", "-p", "size=1024");
        assertEquals(ps, bash);
        for (String line : List.of("\"--profile\"\n\"quick\"", "\"--clients\"\n\"1,16,128\"",
                "\"-p\"\n\"transport=grpc,tcp\"", "\"-Xmx1g\"\n\"-Dx.y=a b\"", "\"SimpleCall\"\n\"-p\"\n\"size=1024\"",
                "\"-Drpcbench.report=false\"", "\"-Drpcbench.exitWithParent=true\"", "\"-Dstdout.encoding=UTF-8\"",
                "\"-rff\"\n\"" + dir.resolve("out").resolve("results.json").toString().replace("\\", "\\\\") + "\"")) {
            assertTrue(ps.contains(line), line + " not in\n" + ps);
        }
        assertFalse(Files.exists(dir.resolve("out")), "a dry run created its folder");
    }

    @Test
    void serverPlacementBecomesTheBenchmarkJvmsSettings() {
        String out = dryRun("--server-jvm-args", "-Xmx512m -Dgreeting='a b'", "--server-prefix", "nice -n 0",
                "--server-cpus", "1", "--transports", "tcp");
        for (String line : List.of("\"-Drpcbench.server.jvmArgs=-Xmx512m -Dgreeting='a b'\"",
                "\"-Drpcbench.server.prefix=nice -n 0\"", "\"-Drpcbench.server.cpus=1\"")) {
            assertTrue(out.contains(line), line + " not in\n" + out);
        }
    }

    @Test
    void aRemoteHostBecomesTheBenchmarkJvmsSettingAndIsNotContactedByADryRun() {
        String out = dryRun("--remote-host", "bench@rpcb-no-such-host", "--server-cpus", "1", "--transports", "tcp",
                "--client-jvm-args", "'-Drpcbench.server.remote.sshOptions=-F /tmp/my config'");
        for (String line : List.of("\"-Drpcbench.server.remote=bench@rpcb-no-such-host\"",
                "\"-Drpcbench.server.remote.sshOptions=-F /tmp/my config\"", "\"-Drpcbench.server.cpus=1\"")) {
            assertTrue(out.contains(line), line + " not in\n" + out);
        }
    }

    @Test
    void badInputIsOneLineExitTwoAndNothingIsCreated() throws Exception {
        Path notJmh = Files.writeString(dir.resolve("not-jmh.json"), "{\"a\": 1}");
        Path filled = Files.createDirectories(dir.resolve("filled"));
        Files.writeString(filled.resolve("results.json"), "[]");
        String[][] bad = {
                {"--profile", "fastest"}, {"--transports", "pigeon"}, {"--clients", "0"}, {"--clients", "1", "x"},
                {"--client-cpus", "2-1"}, {"--client-cpus", "4095"}, {"--baseline", "missing.json"},
                {"--baseline", notJmh.toString()}, {"--out", notJmh.toString()}, {"--out", filled.toString()},
                {"--client-jvm-args", "-Dx='unclosed"}, {"--client-jvm-args", "-Drpcbench.no.such.setting=1"},
                {"--client-jvm-args", "-Drpcbench.call.timeout.ms=soon"}, {"--server-address", "127.0.0.1:7000"},
                {"--server-prefix", "ssh 'host"}, {"--benchmarks", "NoSuchBenchmark"}, {"--", "-rff", "x.json"},
                {"--", "-f", "many"}, {"--", "-l"}, {"--", "-p", "size=1k"}, {"--transports", "tcp", "--",
                "-p", "transport=grpc"}, {"-ClientJvmArgs", "-Dfoo", ".bar=1"}, {"--no-such-option"},
                {"--remote-host=-oProxyCommand=x"}, {"--remote-host", "a b"}, {"--remote-host", "db-2",
                "--server-address", "127.0.0.1:7000", "--transports", "tcp"}, {"--remote-host", "db-2",
                "--client-jvm-args", "-Drpcbench.server.bind=127.0.0.1"}, {"--remote-host", "db-2", "--client-jvm-args",
                "'-Drpcbench.server.remote.dir=a b'"},
        };
        for (String[] args : bad) {
            List<String> all = new ArrayList<>(List.of("run", "--out", dir.resolve("new").toString()));
            all.addAll(List.of(args));
            InProcess.Outcome o = InProcess.run(all.toArray(String[]::new));
            String what = String.join(" ", args) + ": " + o.out() + o.err();
            assertEquals(2, o.exitCode(), what);
            assertEquals(1, o.err().lines().count(), what);
            assertTrue(o.err().startsWith("run: "), what);
            assertFalse(Files.exists(dir.resolve("new")), what + ": created the folder");
        }
    }

    @Test
    void onWindowsCpusBeyondOneMaskAndAPinnedPrefixAndQuotesInServerArgumentsAreRefused() {
        RunCommand.hosts = () -> FakeWindows.host(dir, 0.1, 3, "powercfg-en.txt", null);
        assertTrue(refused("--client-cpus", "64").contains("beyond the 64 CPUs that Windows can pin a process to"));
        assertTrue(refused("--server-cpus", "1", "--server-prefix", "ssh host").contains("would pin the prefix's"));
        assertTrue(refused("--server-jvm-args", "'-Dgreeting=say \"hi\"'").contains("holds a double quote"));
        String pinned = dryRun("--client-cpus", "0,1", "--server-cpus", "1");
        assertTrue(pinned.contains("to CPUs 0-1 through PowerShell"), pinned);
        assertTrue(pinned.contains("\"-Drpcbench.server.cpus=1\""), pinned);
    }

    @Test
    void onLinuxAQuoteInAServerArgumentIsFine() {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "Windows refuses it (above)");
        String out = dryRun("--server-jvm-args", "'-Dgreeting=say \"hi\"'");
        assertTrue(out.contains("\"-Drpcbench.server.jvmArgs='-Dgreeting=say \\\"hi\\\"'\""), out);
    }

    @Test
    void theHelpNamesEveryOptionInBothSpellings() {
        InProcess.Outcome o = InProcess.run("run", "--help");
        assertEquals(0, o.exitCode(), o.err());
        for (String option : List.of("--profile", "-Profile", "--transports", "-Transports", "--benchmarks", "--clients",
                "--out", "--baseline", "--client-jvm-args", "-ClientJvmArgs", "--server-jvm-args", "--client-cpus",
                "--server-cpus", "--server-prefix", "--server-address", "--remote-host", "-RemoteHost", "--no-build",
                "-NoBuild", "--jmh-args",
                "-JmhArgs", "--dry-run", "--args-env", "--cmdline-env")) {
            assertTrue(o.out().contains(option), option + " missing from run --help");
        }
    }

    private String refused(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--out", dir.resolve("new").toString()));
        all.addAll(List.of(args));
        InProcess.Outcome o = InProcess.run(all.toArray(String[]::new));
        assertEquals(2, o.exitCode(), o.out() + o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        return o.err();
    }

    /** The dry run's output, with the folder and the machine's own java path left out. */
    private String dryRun(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--dry-run", "--out", dir.resolve("out").toString()));
        all.addAll(List.of(args));
        InProcess.Outcome o = InProcess.run(all.toArray(String[]::new));
        assertEquals(0, o.exitCode(), o.out() + o.err());
        return o.out().replace("\r\n", "\n");
    }
}
