package rpcbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import rpcbench.api.RpcSettings;

/**
 * Entry point of benchmarks.jar. Without a sub-command it is JMH's own command line, unchanged, plus
 * rpc-bench's few run options ({@code --profile}, {@code --clients}) and two defaults: without
 * {@code -p transport=...} every transport on the class path is benchmarked; without {@code -rf}
 * or {@code -rff} the results go to {@code rpcbench-<timestamp>.json} in JMH's JSON format. See
 * {@link BenchmarkRun}.
 */
@Command(name = Main.NAME, sortOptions = false, usageHelpAutoWidth = true,
        description = {"rpc-bench: which way of calling another JVM process is fastest and cheapest for your"
                + " workload?", "",
                "Without a command: runs the JMH benchmarks (all of them over every transport by default) and writes"
                + " the result as JMH JSON, the bytes on the wire beside it, and a report; exit 0 when every"
                + " benchmark has a score and no call failed, 1 when not, 2 on bad input."},
        subcommands = {CatalogueCommand.class, CheckCommand.class, ReportCommand.class, WireCommand.class, LoadCommand.class,
                EnvCommand.class, PreflightCommand.class, ServerCommand.class, SettingsCommand.class, WarmupCommand.class,
                RunCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "JMH's own options follow, unchanged: see JMH's help with -h (for example -f forks, -wi/-i"
                + " warm-up and measurement iterations, -w/-r their times, -t threads, -p name=value,... parameters,"
                + " -bm mode, -rf/-rff result format and file, -prof profilers, -l to list the benchmarks).", "",
                "Examples:",
                "  java -jar benchmarks.jar SimpleCallBenchmark -p transport=tcp,grpc",
                "  java -jar benchmarks.jar --profile quick",
                "  java -jar benchmarks.jar SimpleCallBenchmark --clients 1,4,16,64,128 -bm sample,thrpt",
                "  java -jar benchmarks.jar report rpcbench-20261201-101500.json --baseline older.json",
                "  java -jar benchmarks.jar run --profile smoke     (a results folder: see run --help)"})
public final class Main implements Callable<Integer> {

    static final String NAME = "benchmarks.jar";

    @Option(names = "--help", usageHelp = true, description = "this help (JMH's own help: -h)")
    boolean help;

    @Option(names = "--profile", paramLabel = "NAME", converter = Profile.Converter.class, description = {"a named set of JMH settings:"
            + " smoke (every benchmark once, small sizes: does it work?), quick (indicative, minutes),"
            + " standard (the benchmarks' own defaults), full (publication grade: 3 forks, long warm-up)."
            + " Options given explicitly win."})
    Profile profile;

    @Option(names = "--clients", split = ",", paramLabel = "N", converter = Bounded.SweepClients.class, description = {"one JMH run per client count"
            + " (each client a thread with its own connection), merged into one result: a clients sweep,"
            + " for example 1,4,16,64,128 (1.." + RunPlan.MAX_CLIENTS + ")"})
    List<Integer> clients = new ArrayList<>();

    @Parameters(paramLabel = "JMH-OPTIONS", description = "benchmark name patterns and JMH's own options")
    List<String> jmh = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs one command line of benchmarks.jar in this JVM; returns its exit code. A misspelt or
     * malformed {@code rpcbench.*} setting runs nothing: one line names it and the valid ones.
     */
    public static int run(String... args) {
        try {
            RpcSettings.current().checkKnown(BenchmarkRun.knownSettings());
        } catch (IllegalArgumentException e) {
            System.err.println("rpc-bench: " + e.getMessage());
            return Cli.EXIT_BAD_INPUT;
        }
        CommandLine cmd = commandLine(new Main());
        if (args.length > 0 && args[0].equals("run")) {
            try {
                // The Windows wrappers' arguments come in environment variables; PowerShell's splits are mended.
                List<String> words = RunArguments.prepare(List.of(args).subList(1, args.length), System::getenv,
                        cmd.getSubcommands().get("run").getCommandSpec().optionsMap().keySet());
                args = java.util.stream.Stream.concat(java.util.stream.Stream.of("run"), words.stream())
                        .toArray(String[]::new);
            } catch (IllegalArgumentException e) {
                System.err.println("run: " + e.getMessage());
                return Cli.EXIT_BAD_INPUT;
            }
        }
        return cmd.execute(args);
    }

    /** The parsed run options of a command line without a sub-command (for tests). */
    static Main parse(String... args) {
        Main main = new Main();
        commandLine(main).parseArgs(args);
        return main;
    }

    private static CommandLine commandLine(Main main) {
        CommandLine cmd = Cli.commandLine(main);
        // JMH's options (-f 1, -p size=1024, ...) are not ours: they are collected for JMH as they stand.
        // picocli passes the setting down to the sub-commands, whose unknown options are errors.
        cmd.setUnmatchedOptionsArePositionalParams(true);
        cmd.getSubcommands().values().forEach(sub -> sub.setUnmatchedOptionsArePositionalParams(false));
        // run passes JMH's options on too, and takes its own in any case (PowerShell users write -Profile, -profile).
        CommandLine run = cmd.getSubcommands().get("run");
        run.setUnmatchedOptionsArePositionalParams(true);
        run.setOptionsCaseInsensitive(true);
        return cmd;
    }

    /** JMH's command line: the profile's options first, less those given explicitly, then the user's. */
    String[] jmhArgs() {
        String[] given = jmh.toArray(String[]::new);
        return profile == null ? given : profile.apply(given);
    }

    @Override
    public Integer call() {
        return BenchmarkRun.run(jmhArgs(), profile, List.copyOf(clients));
    }
}
