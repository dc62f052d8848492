package rpcbench.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;

import rpcbench.api.Transports;

/** What every command shares: exit codes, the picocli set-up, and the transports option. */
final class Cli {

    static final int EXIT_OK = 0;
    static final int EXIT_RUN_FAILED = 1;
    static final int EXIT_BAD_INPUT = 2;

    private Cli() {
    }

    /**
     * The command line of {@code root}: a bad option or value is one line naming it and where to
     * find the valid ones, exit code 2; names of enum values (profiles) are case-insensitive, as
     * PowerShell users type them.
     */
    static CommandLine commandLine(Object root) {
        CommandLine cmd = new CommandLine(root);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setPosixClusteredShortOptionsAllowed(false);
        cmd.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            String name = e.getCommandLine().getCommandName();
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            err.println(prefix(name) + message + " (see " + helpOf(e.getCommandLine()) + ")");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        // A bad value found while a command runs (an unknown transport name, say) is bad input too.
        cmd.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (!(e instanceof IllegalArgumentException)) {
                throw e;
            }
            PrintWriter err = commandLine.getErr();
            err.println(prefix(commandLine.getCommandName()) + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        });
        return cmd;
    }

    private static String prefix(String command) {
        return command.equals(Main.NAME) ? "rpc-bench: " : command + ": ";
    }

    private static String helpOf(CommandLine cmd) {
        return cmd.getParent() == null ? "--help" : cmd.getCommandName() + " --help";
    }

    /**
     * The transports named, each checked, or every transport on the class path when none are.
     *
     * @throws CommandLine.ParameterException naming the valid choices for an unknown one
     */
    static List<String> transports(List<String> names) {
        if (names == null || names.isEmpty()) {
            return Transports.names();
        }
        names.forEach(Transports::byName);
        return List.copyOf(names);
    }
}
