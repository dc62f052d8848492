package rpcbench.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
import rpcbench.bench.CostProfiler;
import rpcbench.bench.Workload;
import rpcbench.files.AtomicFiles;
import rpcbench.load.LoadProfiler;
import rpcbench.orchestration.CpuPinning;
import rpcbench.orchestration.Placement;
import rpcbench.relay.NetDelay;
import rpcbench.report.Reports;
import rpcbench.server.HarnessSettings;
import rpcbench.wire.WirePlan;

/**
 * A benchmark run: JMH's command line with rpc-bench's defaults, the runs of the {@link RunPlan},
 * then the check of the result, the bytes-on-the-wire pass for what it measured, and its report.
 */
final class BenchmarkRun {

    static final String TRANSPORT_PARAM = "transport";
    private static final String PLACEMENT_PARAM = "placement";
    /** Set to false to skip the bytes-on-the-wire pass after a run. Default true. */
    static final Setting<Boolean> WIRE = Setting.flag("rpcbench.wire", true,
            "count the bytes on the wire after a run that writes JSON (NAME-wire.json); false skips it");
    /** Set to false to skip the report written beside a run's JSON (the run command writes its own). Default true. */
    static final Setting<Boolean> REPORT = Setting.flag("rpcbench.report", true,
            "write the report beside a run's JSON (NAME-report/); false skips it");
    /**
     * Set to true to end the run when the process that started this JVM ends: the run command sets
     * it for its benchmark JVM, so that killing the run (no hook runs after SIGKILL or Windows'
     * TerminateProcess) stops the benchmarks, their forks and servers too. Default false.
     */
    static final Setting<Boolean> EXIT_WITH_PARENT = Setting.flag("rpcbench.exitWithParent", false,
            "end the run when the process that started this JVM ends (set by the run command)");

    private BenchmarkRun() {
    }

    /**
     * Every setting this jar knows, in the order of the configuration table: the common ones, the
     * harness's, each transport's own, then the benchmarks'.
     */
    static List<Setting<?>> knownSettings() {
        List<Setting<?>> all = new ArrayList<>(HarnessSettings.known(Transports.all()));
        all.add(WIRE);
        all.add(REPORT);
        all.add(EXIT_WITH_PARENT);
        return all;
    }

    /** Runs JMH's command line {@code args} (a profile's options already in it); returns the exit code. */
    static int run(String[] args, Profile profile, List<Integer> clients) {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("rpc-bench: " + e.getMessage() + " (see -h for JMH's options, --help for rpc-bench's)");
            return Cli.EXIT_BAD_INPUT;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
                || cmd.shouldListResultFormats()) {
            try {
                org.openjdk.jmh.Main.main(args);
            } catch (Exception e) {
                System.err.println("rpc-bench: " + e.getMessage());
                return Cli.EXIT_RUN_FAILED;
            }
            if (cmd.shouldList() || cmd.shouldListWithParams()) {
                System.out.println("Transports (the default for -p transport=...): "
                        + String.join(", ", Transports.names()));
            }
            if (cmd.shouldHelp()) {
                System.out.println();
                System.out.println("rpc-bench's own options and commands: --help");
            }
            return Cli.EXIT_OK;
        }
        Options options;
        try {
            options = withDefaults(cmd, LocalDateTime.now());
        } catch (IllegalArgumentException e) {
            System.err.println("rpc-bench: " + e.getMessage());
            return Cli.EXIT_BAD_INPUT;
        }
        if (profile != null) {
            System.out.println("# rpc-bench: profile " + profile.label() + ": "
                    + String.join(" ", profile.jmhOptions()) + " (options given explicitly win)");
        }
        printConfiguration(options);
        String remoteProblem = Placement.prepareRemote();
        if (remoteProblem != null) {
            System.err.println("rpc-bench: " + remoteProblem);
            return Cli.EXIT_RUN_FAILED;
        }
        stopForksOnExit();
        if (RpcSettings.current().get(EXIT_WITH_PARENT)) {
            exitWithParent();
        }
        try {
            return run(options, clients);
        } catch (IllegalArgumentException e) {
            System.err.println("rpc-bench: " + e.getMessage());
            return Cli.EXIT_BAD_INPUT;
        } catch (NoBenchmarksException e) {
            System.err.println("rpc-bench: no benchmark matches " + options.getIncludes() + " (list them with -l)");
            return Cli.EXIT_BAD_INPUT;
        } catch (RunnerException | IOException e) {
            Throwable why = e.getCause() != null ? e.getCause() : e;
            System.err.println("rpc-bench: the run failed: " + why);
            return Cli.EXIT_RUN_FAILED;
        }
    }

    /**
     * Runs the plan (one JMH run, or several whose JSON is merged into the result file even when
     * one of them fails) and checks the result; returns the exit code.
     */
    private static int run(Options options, List<Integer> clients) throws RunnerException, IOException {
        // Beside the result, not in the temporary folder: what a killed run leaves is found where its results are.
        Path scratch = Files.createTempDirectory(Path.of(options.getResult().orElse("x")).toAbsolutePath().getParent(),
                ".rpcbench-runs-");
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
                return afterRun(options);
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
            return afterRun(options);
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
    }

    /**
     * After a run that wrote JSON: the check (without -foe JMH goes on after a failed benchmark and
     * leaves it out of the result: the check names every benchmark x transport without a score),
     * the bytes on the wire of what it measured ({@code NAME-wire.json}, unless
     * -Drpcbench.wire=false) and the report beside it ({@code NAME-report/}, unless
     * -Drpcbench.report=false).
     */
    private static int afterRun(Options options) {
        if (options.getResultFormat().orElse(null) != ResultFormatType.JSON || !options.getResult().hasValue()) {
            return Cli.EXIT_OK;
        }
        Path result = Path.of(options.getResult().get());
        int exit = CheckCommand.check(result, RunPlan.selected(options.getIncludes(), options.getExcludes()),
                RunPlan.own(options.getIncludes(), options.getExcludes()),
                List.copyOf(options.getParameter(TRANSPORT_PARAM).get()), false) == 0 ? 0 : Cli.EXIT_RUN_FAILED;
        if (RpcSettings.current().get(WIRE)) {
            try {
                exit |= WirePlan.measure(WirePlan.of(result), Reports.besideResult(result, "-wire.json"));
            } catch (rpcbench.report.BadResultFile e) {
                System.err.println("wire: " + e.getMessage());
                exit |= Cli.EXIT_RUN_FAILED;
            }
        }
        if (RpcSettings.current().get(REPORT)) {
            exit |= Reports.afterRun(result) == 0 ? 0 : Cli.EXIT_RUN_FAILED;
        }
        return exit;
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

    /**
     * Ends this JVM, and with it (through the hook above) the forks and their servers, when the
     * process that started it ends: a run killed without hooks must leave nothing measuring.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("rpc-bench: the process that started this run (pid " + parent.pid() + ") ended;"
                    + " stopping the benchmarks");
            System.exit(Cli.EXIT_RUN_FAILED);
        }));
    }

    /** JMH's options plus our defaults; throws IllegalArgumentException on an unknown transport or bad value. */
    static Options withDefaults(CommandLineOptions cmd, LocalDateTime now) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(cmd);
        if (cmd.getIncludes().isEmpty()) {
            // No benchmark named: the default run (the open-loop load benchmarks run when named).
            Workload.defaultRun().forEach(w -> builder.include(w.exactPattern()));
        }
        List<String> transports = RunChecks.check(cmd, RpcSettings.current());
        if (!cmd.getParameter(TRANSPORT_PARAM).hasValue()) {
            builder.param(TRANSPORT_PARAM, transports.toArray(String[]::new));
        }
        Collection<String> placements = cmd.getParameter(PLACEMENT_PARAM).hasValue()
                ? cmd.getParameter(PLACEMENT_PARAM).get() : List.of(CpuPinning.defaultPlacement());
        if (!cmd.getParameter(PLACEMENT_PARAM).hasValue()) {
            builder.param(PLACEMENT_PARAM, placements.toArray(String[]::new));
        }
        // Placement and other rpcbench.* settings must reach the forks, which get this JVM's own
        // flags only while -jvmArgs does not replace them.
        List<String> forkArgs = new ArrayList<>(cmd.getJvmArgsAppend().orElse(List.of()));
        forkArgs.addAll(Placement.forkArgs(cmd.getJvmArgs().orElse(
                ManagementFactory.getRuntimeMXBean().getInputArguments())));
        forkArgs.addAll(forkCpuArgs(placements, forkArgs, cmd.getJvmArgs().orElse(List.of())));
        builder.jvmArgsAppend(forkArgs.toArray(String[]::new));
        builder.addProfiler(CostProfiler.class);
        builder.addProfiler(LoadProfiler.class);
        if (!cmd.getResultFormat().hasValue()) {
            builder.resultFormat(ResultFormatType.JSON); // also for -rff FILE alone: JMH's own default is CSV
            if (!cmd.getResult().hasValue()) {
                builder.result(defaultResultFile(now));
            }
        }
        return builder.build();
    }

    /** {@link CpuPinning#forkJvmArgs}, unless the user's own flags already size the fork's JVM. */
    private static List<String> forkCpuArgs(Collection<String> placements, List<String> appended,
                                            Collection<String> given) {
        if (Stream.concat(appended.stream(), given.stream()).anyMatch(a -> a.startsWith("-XX:ActiveProcessorCount"))) {
            return List.of();
        }
        try {
            return CpuPinning.forkJvmArgs(placements);
        } catch (IOException e) {
            return List.of(); // no CPU list to read: the forks are not placed either
        }
    }

    static String defaultResultFile(LocalDateTime now) {
        return "rpcbench-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json";
    }

    private static void printConfiguration(Options options) {
        Collection<String> transports = options.getParameter(TRANSPORT_PARAM).get();
        System.out.println("# rpc-bench: transports " + String.join(", ", transports));
        RpcSettings.current().describe(knownSettings()).forEach(line -> System.out.println("# rpc-bench: " + line));
        System.out.println("# rpc-bench: servers " + Placement.describe() + "; placement "
                + String.join(",", options.getParameter(PLACEMENT_PARAM).get()) + " (-p placement=separate|shared|os)");
        long delay = RpcSettings.current().get(NetDelay.DELAY);
        if (delay != NetDelay.OFF) {
            System.out.println("# rpc-bench: emulated LAN (" + NetDelay.DELAY + "): a relay in each fork adds "
                    + NetDelay.describe(delay) + " each way between the benchmarks' clients and their server");
        }
        String result = options.getResult().orElse("jmh-result." + options.getResultFormat()
                .orElse(ResultFormatType.CSV).toString().toLowerCase());
        System.out.println("# rpc-bench: results to " + result);
    }
}
