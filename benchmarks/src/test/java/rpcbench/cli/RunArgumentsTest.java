package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What the Windows wrappers hand to run, and what PowerShell breaks, made into run's command line. */
class RunArgumentsTest {

    private static final Set<String> OPTIONS = Set.of("--profile", "-Profile", "--out", "-Out", "-ClientJvmArgs");

    @Test
    void theScriptsWordsComeWholeThroughAnEnvironmentVariable() {
        String words = String.join(String.valueOf(RunArguments.SEPARATOR), "-ClientJvmArgs", "-Xmx4g -Dx.y=\"a b\"",
                "-Out", "C:\\my results\\", "", "-p", "size=1024,10240");
        assertEquals(List.of("-ClientJvmArgs", "-Xmx4g -Dx.y=\"a b\"", "-Out", "C:\\my results\\", "", "-p",
                "size=1024,10240"), prepare(List.of("--args-env", "A"), Map.of("A", words)));
        assertEquals(List.of("--dry-run"), prepare(List.of("--args-env", "A", "--dry-run"), Map.of("A", "")));
    }

    @Test
    void theCmdsCommandLineReachesRunThroughThePowerShellScriptsVariable() {
        // run-bench.cmd -> run-bench.ps1 --cmdline-env RPCBENCH_CMDLINE -> run --args-env RPCBENCH_ARGS
        Map<String, String> env = Map.of("RPCBENCH_ARGS", "--cmdline-env" + RunArguments.SEPARATOR + "RPCBENCH_CMDLINE",
                "RPCBENCH_CMDLINE", "-Profile smoke -ClientJvmArgs \"-Xmx4g -Dx.y=1\" -Clients 1,16,128");
        assertEquals(List.of("-Profile", "smoke", "-ClientJvmArgs", "-Xmx4g -Dx.y=1", "-Clients", "1,16,128"),
                prepare(List.of("--args-env", "RPCBENCH_ARGS"), env));
    }

    @Test
    void aMissingVariableIsOneLineButCmdsIsNoArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> prepare(List.of("--args-env", "NOPE"), Map.of()));
        assertTrue(e.getMessage().contains("NOPE: no such environment variable"), e.getMessage());
        // cmd's "set VAR=%*" with no arguments removes VAR instead of setting it empty
        assertEquals(List.of("--dry-run"), prepare(List.of("--cmdline-env", "NOPE", "--dry-run"), Map.of()));
    }

    /** PowerShell hands -Name:value to a script's $args as "-Name:" and "value" (PowerShell issue 6292). */
    @Test
    void aColonPairPowerShellBrokeInTwoIsJoinedForRunsOwnOptions() {
        assertEquals(List.of("-Profile", "smoke", "-out", "C:\\r"), prepare(List.of("-Profile:", "smoke", "-out:C:\\r"),
                Map.of()));
        assertEquals(List.of("-jvmArgsAppend:x"), prepare(List.of("-jvmArgsAppend:x"), Map.of()), "JMH's: unchanged");
    }

    /** PowerShell splits an unquoted -Dname.key=value at its first dot (PowerShell issue 6291). */
    @Test
    void aDefinePowerShellSplitIsRefusedWithTheQuotingThatWorks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> prepare(List.of("-ClientJvmArgs", "-Drpcbench", ".call.timeout.ms=20000"), Map.of()));
        assertEquals("'-Drpcbench' '.call.timeout.ms=20000': PowerShell splits an unquoted"
                + " -Drpcbench.call.timeout.ms=20000 at its first .; quote it: '-Drpcbench.call.timeout.ms=20000'",
                e.getMessage());
        assertEquals(List.of("-Out", ".\\results"), prepare(List.of("-Out", ".\\results"), Map.of()));
    }

    private static List<String> prepare(List<String> words, Map<String, String> env) {
        return RunArguments.prepare(words, env::get, OPTIONS);
    }
}
