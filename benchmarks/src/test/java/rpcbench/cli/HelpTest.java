package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Every command says what it does with --help (exit 0); a bad option is one line and exit 2. */
class HelpTest {

    private static final List<String> COMMANDS = List.of("catalogue", "check", "report", "wire", "load", "env",
            "preflight", "server", "settings", "warmup", "run");

    private static InProcess.Outcome run(String... args) {
        return InProcess.run(args);
    }

    @Test
    void theTopLevelHelpListsEveryCommandTheRunOptionsAndPointsToJmhsHelp() {
        InProcess.Outcome o = run("--help");
        assertEquals(0, o.exitCode(), o.err());
        for (String c : COMMANDS) {
            assertTrue(o.out().lines().anyMatch(l -> l.trim().startsWith(c + " ") || l.trim().equals(c)),
                    c + " missing from --help:\n" + o.out());
        }
        assertTrue(o.out().contains("--profile") && o.out().contains("--clients"), o.out());
        assertTrue(o.out().contains("JMH's help with -h"), o.out());
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String c : COMMANDS) {
            InProcess.Outcome o = run(c, "--help");
            assertEquals(0, o.exitCode(), c + ": " + o.err());
            assertTrue(o.out().startsWith("Usage: " + Main.NAME + " " + c), c + ":\n" + o.out());
        }
    }

    @Test
    void aBadOptionOfACommandIsOneLineAndExitTwo() {
        for (String c : COMMANDS) {
            // with what each command requires, so that the unknown option is the only problem
            List<String> args = new java.util.ArrayList<>(List.of(c));
            args.addAll(switch (c) {
                case "check", "report", "warmup" -> List.of("x.json");
                case "env" -> List.of("--out", "x.json");
                case "server" -> List.of("--transport", "tcp");
                default -> List.of();
            });
            args.add("--no-such-option");
            InProcess.Outcome o = run(args.toArray(String[]::new));
            assertEquals(2, o.exitCode(), c + ": " + o.out() + o.err());
            assertEquals(1, o.err().lines().count(), c + ": " + o.err());
            assertTrue(o.err().startsWith(c + ": ") && o.err().contains("--no-such-option")
                    && o.err().contains(c + " --help"), o.err());
        }
    }

    @Test
    void anUnknownTransportIsOneLineNamingTheChoices() {
        InProcess.Outcome o = run("wire", "--transports", "carrier-pigeon");
        assertEquals(2, o.exitCode(), o.out() + o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().contains("unknown transport 'carrier-pigeon'") && o.err().contains("valid choices"),
                o.err());
    }
}
