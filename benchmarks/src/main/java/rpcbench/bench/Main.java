package rpcbench.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import rpcbench.api.RpcSettings;
import rpcbench.api.Setting;
import rpcbench.api.Transports;
import rpcbench.server.HarnessSettings;
import rpcbench.load.LoadCommand;
import rpcbench.orchestration.EnvCommand;
import rpcbench.orchestration.Placement;
import rpcbench.orchestration.PreflightCommand;
import rpcbench.orchestration.Profile;
import rpcbench.orchestration.ServerCommand;
import rpcbench.relay.NetDelay;
import rpcbench.report.ReportCommand;
import rpcbench.wire.WireCommand;

/**
 * Entry point of benchmarks.jar: JMH's own command line, unchanged, with two defaults added. Without
 * {@code -p transport=...} every transport on the class path is benchmarked; without {@code -rf} or
 * {@code -rff} the results go to {@code rpcbench-<timestamp>.json} in JMH's JSON format.
 *
 * <p>Sub-commands before JMH's options: {@code check}, {@code report}, {@code wire}, {@code load},
 * {@code env}, {@code preflight}, {@code server}, {@code settings} (see {@link #SUB_COMMANDS}).
 */
public final class Main {

    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_RUN_FAILED = 1;
    private static final String TRANSPORT_PARAM = "transport";
    /** Set to false to skip the bytes-on-the-wire pass after a run. Default true. */
    static final Setting<Boolean> WIRE = Setting.flag("rpcbench.wire", true,
            "count the bytes on the wire after a run that writes JSON (NAME-wire.json); false skips it");
    /** Set to false to skip the report written beside a run's JSON (the run-bench scripts write their own). Default true. */
    static final Setting<Boolean> REPORT = Setting.flag("rpcbench.report", true,
            "write the report beside a run's JSON (NAME-report/); false skips it");

    /** Sub-commands, named before any JMH option; each takes the rest and returns the exit code. */
    private static final Map<String, ToIntFunction<String[]>> SUB_COMMANDS = Map.of(
            "check", CheckCommand::run,
            "report", ReportCommand::run,
            "wire", WireCommand::run,
            "load", LoadCommand::run,
            "env", EnvCommand::run,
            "preflight", PreflightCommand::run,
            "server", ServerCommand::run,
            "settings", Main::listSettings);

    private Main() {
    }

    /**
     * Every setting this jar knows, in the order of the README's configuration table: the common
     * ones, the harness's, each transport's own, then the benchmarks'.
     */
    public static List<Setting<?>> knownSettings() {
        List<Setting<?>> all = new ArrayList<>(HarnessSettings.known(Transports.all()));
        all.add(WIRE);
        all.add(REPORT);
        return all;
    }

    /** {@code settings}: every known setting with its default and meaning, as rows of a Markdown table. */
    static int listSettings(String[] args) {
        System.out.println("| property | default | meaning |");
        System.out.println("|---|---|---|");
        for (Setting<?> s : knownSettings()) {
            System.out.println("| `" + s.name() + "` | " + s.defaultText() + " | " + s.description() + " |");
        }
        return 0;
    }

    public static void main(String[] args) throws Exception {
        try {
            RpcSettings.current().checkKnown(knownSettings()); // a misspelt or malformed setting runs nothing
        } catch (IllegalArgumentException e) {
            exit(EXIT_BAD_INPUT, "rpc-bench: " + e.getMessage());
            return;
        }
        ToIntFunction<String[]> subCommand = args.length > 0 ? SUB_COMMANDS.get(args[0]) : null;
        if (subCommand != null) {
            System.exit(subCommand.applyAsInt(Arrays.copyOfRange(args, 1, args.length)));
        }
        RunPlan.Args planned;
        CommandLineOptions cmd;
        Profile.Expanded profiled;
        try {
            profiled = Profile.expand(args);
            planned = RunPlan.parse(profiled.args());
            cmd = new CommandLineOptions(planned.jmh());
        } catch (IllegalArgumentException e) {
            exit(EXIT_BAD_INPUT, "rpc-bench: " + e.getMessage());
            return;
        } catch (CommandLineOptionException e) {
            exit(EXIT_BAD_INPUT, "rpc-bench: " + e.getMessage() + " (see -h for JMH's options)");
            return;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
                || cmd.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            if (cmd.shouldList() || cmd.shouldListWithParams()) {
                System.out.println("Transports (the default for -p transport=...): "
                        + String.join(", ", Transports.names()));
            }
            return;
        }
        Options options;
        try {
            options = withDefaults(cmd, LocalDateTime.now());
        } catch (IllegalArgumentException e) {
            exit(EXIT_BAD_INPUT, "rpc-bench: " + e.getMessage());
            return;
        }
        if (profiled.profile() != null) {
            System.out.println("# rpc-bench: profile " + profiled.profile().label() + ": "
                    + String.join(" ", profiled.profile().jmhOptions()) + " (options given explicitly win)");
        }
        printConfiguration(options);
        stopForksOnExit();
        try {
            System.exit(run(options, planned.clients()));
        } catch (IllegalArgumentException e) {
            exit(EXIT_BAD_INPUT, "rpc-bench: " + e.getMessage());
        } catch (NoBenchmarksException e) {
            exit(EXIT_BAD_INPUT, "rpc-bench: no benchmark matches " + options.getIncludes()
                    + " (list them with -l)");
        } catch (RunnerException e) {
            Throwable why = e.getCause() != null ? e.getCause() : e;
            exit(EXIT_RUN_FAILED, "rpc-bench: the run failed: " + why);
        }
    }

    /**
     * Runs the plan (one JMH run, or several whose JSON is merged into the result file even when
     * one of them fails) and checks the result; returns the exit code.
     */
    private static int run(Options options, List<Integer> clients) throws RunnerException, IOException {
        Path scratch = Files.createTempDirectory("rpcbench-runs-");
        try {
            List<RunPlan.Run> runs = RunPlan.runs(options, clients, scratch);
            if (runs.size() == 1 && clients.isEmpty()) {
                // One run: JMH writes the result itself, in the format and place the user chose.
                ChainedOptionsBuilder single = new OptionsBuilder().parent(runs.get(0).options());
                if (options.getResultFormat().hasValue()) {
                    single.resultFormat(options.getResultFormat().get());
                }
                if (options.getResult().hasValue()) {
                    single.result(options.getResult().get());
                }
                new Runner(single.build()).run();
                return checkResult(options) | countWireBytes(options) | report(options);
            }
            if (options.getResultFormat().orElse(null) != ResultFormatType.JSON || !options.getResult().hasValue()) {
                throw new IllegalArgumentException("this plan takes " + runs.size() + " JMH runs, whose results"
                        + " are merged into one JSON file: use -rf json (the default) instead of -rf "
                        + options.getResultFormat().orElse(null));
            }
            Path result = Path.of(options.getResult().get());
            try {
                for (RunPlan.Run r : runs) {
                    new Runner(r.options()).run();
                }
            } finally {
                int records = RunPlan.merge(runs, result);
                System.out.println("# rpc-bench: " + records + " results from " + runs.size() + " runs in " + result);
            }
            return checkResult(options) | countWireBytes(options) | report(options);
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    /**
     * Ctrl-C or a kill of this process must not leave a JMH fork measuring on (it only talks to us
     * between iterations, so it would notice late) nor its server: on the way out, every process
     * below this one is asked to stop; the forks' own hooks then stop their servers, which also
     * exit by themselves when their stdin closes.
     */
    private static void stopForksOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ProcessHandle.current().children().forEach(ProcessHandle::destroy);
            ProcessHandle.current().descendants().forEach(p -> p.onExit().completeOnTimeout(p, 5, TimeUnit.SECONDS).join());
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        }, "rpcbench-stop-forks"));
    }

    /** JMH's options plus our defaults; throws IllegalArgumentException on an unknown transport. */
    static Options withDefaults(CommandLineOptions cmd, LocalDateTime now) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(cmd);
        if (cmd.getParameter(TRANSPORT_PARAM).hasValue()) {
            cmd.getParameter(TRANSPORT_PARAM).get().forEach(Transports::byName);
        } else {
            List<String> all = Transports.names();
            if (all.isEmpty()) {
                throw new IllegalArgumentException("no transport on the class path");
            }
            builder.param(TRANSPORT_PARAM, all.toArray(String[]::new));
        }
        ParamCheck.check(cmd);
        RpcSettings.current().get(NetDelay.DELAY); // a bad delay fails here in one line, not in every fork
        Placement.check(builder.build().getParameter(TRANSPORT_PARAM).get());
        // Placement and other rpcbench.* settings must reach the forks, which get this JVM's own
        // flags only while -jvmArgs does not replace them.
        List<String> forkArgs = new ArrayList<>(cmd.getJvmArgsAppend().orElse(List.of()));
        forkArgs.addAll(Placement.forkArgs(cmd.getJvmArgs().orElse(
                ManagementFactory.getRuntimeMXBean().getInputArguments())));
        builder.jvmArgsAppend(forkArgs.toArray(String[]::new));
        builder.addProfiler(CostProfiler.class);
        if (!cmd.getResultFormat().hasValue() && !cmd.getResult().hasValue()) {
            builder.resultFormat(ResultFormatType.JSON).result(defaultResultFile(now));
        }
        return builder.build();
    }

    /**
     * Without -foe JMH goes on after a failed benchmark and leaves it out of the result: the
     * check names every benchmark x transport without a score, and the exit code says so.
     */
    private static int checkResult(Options options) {
        if (options.getResultFormat().orElse(null) != ResultFormatType.JSON || !options.getResult().hasValue()) {
            return 0;
        }
        int found = CheckCommand.check(Path.of(options.getResult().get()),
                CheckCommand.benchmarks(options.getIncludes(), options.getExcludes()),
                List.copyOf(options.getParameter(TRANSPORT_PARAM).get()));
        return found == 0 ? 0 : EXIT_RUN_FAILED;
    }

    /**
     * After a run that wrote JSON, counts bytes on the wire for its transports (an untimed pass of
     * seconds per transport) into {@code NAME-wire.json} beside it; -Drpcbench.wire=false skips it.
     */
    private static int countWireBytes(Options options) {
        if (options.getResultFormat().orElse(null) != ResultFormatType.JSON || !options.getResult().hasValue()
                || !RpcSettings.current().get(WIRE)) {
            return 0;
        }
        return WireCommand.measure(List.copyOf(options.getParameter(TRANSPORT_PARAM).get()),
                wireFile(Path.of(options.getResult().get())));
    }

    /**
     * After a run that wrote JSON, prints the summary and writes the report beside the result
     * ({@code NAME-report/}); a report that fails says so in one line and fails the exit code;
     * -Drpcbench.report=false skips it.
     */
    private static int report(Options options) {
        if (options.getResultFormat().orElse(null) != ResultFormatType.JSON || !options.getResult().hasValue()
                || !RpcSettings.current().get(REPORT)) {
            return 0;
        }
        return ReportCommand.afterRun(Path.of(options.getResult().get())) == 0 ? 0 : EXIT_RUN_FAILED;
    }

    /** {@code NAME.json} -> {@code NAME-wire.json}: where the bytes on the wire of a result go. */
    static Path wireFile(Path result) {
        return ReportCommand.besideResult(result, "-wire.json");
    }

    static String defaultResultFile(LocalDateTime now) {
        return "rpcbench-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json";
    }

    private static void printConfiguration(Options options) {
        Collection<String> transports = options.getParameter(TRANSPORT_PARAM).get();
        System.out.println("# rpc-bench: transports " + String.join(", ", transports));
        RpcSettings.current().describe(knownSettings()).forEach(line -> System.out.println("# rpc-bench: " + line));
        System.out.println("# rpc-bench: servers " + Placement.describe());
        long delay = RpcSettings.current().get(NetDelay.DELAY);
        if (delay != NetDelay.OFF) {
            System.out.println("# rpc-bench: emulated LAN (" + NetDelay.DELAY + "): a relay in each fork adds "
                    + NetDelay.describe(delay) + " each way between the benchmarks' clients and their server");
        }
        String result = options.getResult().orElse("jmh-result." + options.getResultFormat()
                .orElse(ResultFormatType.CSV).toString().toLowerCase());
        System.out.println("# rpc-bench: results to " + result);
    }

    private static void exit(int code, String line) {
        System.err.println(line);
        System.exit(code);
    }
}
