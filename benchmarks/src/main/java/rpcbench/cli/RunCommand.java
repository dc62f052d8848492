package rpcbench.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import rpcbench.orchestration.Host;
import rpcbench.orchestration.Run;

/**
 * {@code run}: a whole measurement into one results folder, what scripts/run-bench.sh,
 * run-bench.ps1 and run-bench.cmd do after finding Java and building the jar. Every option has a
 * PowerShell-style name too ({@code -Profile}, {@code -ClientJvmArgs}); names are case-insensitive;
 * lists take commas or separate words; anything else is JMH's ({@link RunBuilder} checks it all).
 */
@Command(name = "run", sortOptions = false, usageHelpAutoWidth = true, description = {"A whole measurement into"
        + " one results folder: preflight, env.json, the benchmarks in a separate JVM (pinned and with your JVM flags"
        + " if asked), results.json (JMH JSON) and results-wire.json, console.log (UTF-8), and the report. Exit 0 when"
        + " every benchmark has a score and no call failed, 1 when not, 2 on bad input (one line; nothing is"
        + " created). The run-bench scripts call this after finding Java 17+ and building the jar.",
        "Every option also has a PowerShell-style name (-Profile, -ClientJvmArgs, ...); names are"
        + " case-insensitive; a list takes commas (1,16,128) or separate words (1 16 128). Anything else, and"
        + " everything after --, goes to JMH unchanged (-p size=1024 -bm thrpt -t 4)."},
        footer = {"", "Examples:",
                "  java -jar benchmarks.jar run --profile smoke",
                "  java -jar benchmarks.jar run --benchmarks SimpleCall --client-cpus 0 --server-cpus 1",
                "  java -jar benchmarks.jar run -Profile quick -Transports grpc,tcp -ClientJvmArgs \"-Xmx2g\"",
                "  java -jar benchmarks.jar run --benchmarks Payload -- -p size=1024,1048576",
                "  java -jar benchmarks.jar run --profile quick --remote-host bench@10.0.0.2 --server-cpus 1",
                "In PowerShell, quote -D options: '-Drpcbench.call.timeout.ms=20000' (unquoted, PowerShell splits them"
                        + " at the first dot)."})
final class RunCommand implements Callable<Integer> {

    /** The machine a run asks; tests put another one here (Windows' answers on Linux). */
    static volatile Supplier<Host> hosts = Host::current;

    @Option(names = {"--help", "-h", "-Help", "-?"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = {"--profile", "-Profile"}, paramLabel = "NAME", defaultValue = "standard",
            converter = Profile.Converter.class, description = "smoke, quick, standard (default) or full; see"
            + " benchmarks.jar --help")
    Profile profile;

    @Option(names = {"--transports", "-Transports"}, split = ",", arity = "1..*", paramLabel = "NAME",
            description = "transports (default: all on the class path)")
    List<String> transports = new ArrayList<>();

    @Option(names = {"--benchmarks", "-Benchmarks"}, paramLabel = "REGEX", description = "JMH's benchmark filter, for"
            + " example 'SimpleCall|Payload' (default: the default run)")
    String benchmarks;

    @Option(names = {"--clients", "-Clients"}, split = ",", arity = "1..*", paramLabel = "N",
            converter = Bounded.SweepClients.class, description = "a client-count sweep: one JMH run per count"
            + " (1.." + RunPlan.MAX_CLIENTS + "), merged into results.json")
    List<Integer> clients = new ArrayList<>();

    @Option(names = {"--out", "-Out"}, paramLabel = "DIR", description = "the results folder, new or empty (default:"
            + " results/<yyyyMMdd-HHmmss>-<profile> in the current folder)")
    Path out;

    @Option(names = {"--baseline", "-Baseline"}, paramLabel = "FILE|DIR", description = "an earlier results.json, or"
            + " its folder, that the report compares against; checked before the run")
    Path baseline;

    @Option(names = {"--client-jvm-args", "-ClientJvmArgs"}, paramLabel = "'ARGS'", description = "flags of the"
            + " benchmark JVM, one string (quotes group words); its JMH forks inherit them")
    String clientJvmArgs;

    @Option(names = {"--server-jvm-args", "-ServerJvmArgs"}, paramLabel = "'ARGS'", description = "flags of every"
            + " server JVM, one string (rpcbench.server.jvmArgs)")
    String serverJvmArgs;

    @Option(names = {"--client-cpus", "-ClientCpus"}, split = ",", arity = "1..*", paramLabel = "LIST",
            description = "pin this process, and so the benchmark JVM, its forks and their servers, to these CPUs"
            + " (0,2-3): taskset on Linux, the process affinity mask through PowerShell on Windows (CPUs 0-63)")
    List<String> clientCpus = new ArrayList<>();

    @Option(names = {"--server-cpus", "-ServerCpus"}, split = ",", arity = "1..*", paramLabel = "LIST",
            description = "pin every server to these CPUs (rpcbench.server.cpus): taskset -c on Linux, each server's"
            + " own affinity mask on Windows (CPUs 0-63; not with --server-prefix)")
    List<String> serverCpus = new ArrayList<>();

    @Option(names = {"--server-prefix", "-ServerPrefix"}, paramLabel = "'CMD'", description = "command words before"
            + " each server's java (rpcbench.server.prefix): taskset -c 1, ip netns exec NS (on the remote host with"
            + " --remote-host)")
    String serverPrefix;

    @Option(names = {"--remote-host", "-RemoteHost"}, paramLabel = "USER@HOST", description = "run every server on"
            + " this host over the system's ssh (rpcbench.server.remote): benchmarks.jar is copied there unless the copy"
            + " there has the same SHA-256, each server binds the host's address and stops with its ssh connection;"
            + " ssh needs a key the host accepts (rpcbench.server.remote.sshOptions for -F FILE, -i KEY)")
    String remoteHost;

    @Option(names = {"--server-address", "-ServerAddress"}, paramLabel = "HOST:PORT", description = "use a server"
            + " already running there (rpcbench.server.address; one transport)")
    String serverAddress;

    @Option(names = {"--no-build", "-NoBuild"}, description = "for the run-bench scripts: use the jar as it is"
            + " (they build it when missing or older than the sources); nothing here")
    boolean noBuild;

    @Option(names = {"--jmh-args", "-JmhArgs"}, arity = "1..*", paramLabel = "ARG", description = "JMH options, as"
            + " after -- (-JmhArgs '-p','size=1024' in PowerShell)")
    List<String> jmhArgs = new ArrayList<>();

    @Option(names = {"--dry-run", "-DryRun"}, description = "check everything and print what would run (the"
            + " benchmark JVM's argument file); start and write nothing")
    boolean dryRun;

    @Option(names = RunArguments.ARGS_ENV, paramLabel = "VAR", description = "for run-bench.ps1: the arguments are"
            + " in environment variable VAR, separated by U+001F, so that no command-line quoting touches them")
    String argsEnv;

    @Option(names = RunArguments.CMDLINE_ENV, paramLabel = "VAR", description = "for run-bench.cmd: the arguments"
            + " are environment variable VAR, a Windows command line as typed, split the way java.exe splits one")
    String cmdlineEnv;

    @Parameters(paramLabel = "JMH-OPTIONS", description = "JMH's own options and benchmark patterns, unchanged")
    List<String> jmh = new ArrayList<>();

    static String defaultFolder(LocalDateTime now, Profile profile) {
        return "results/" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + profile.label();
    }

    @Override
    public Integer call() {
        // --args-env and --cmdline-env were read before parsing (RunArguments); they are here for --help.
        Host host = hosts.get();
        return Run.run(new RunBuilder(this, host).request(LocalDateTime.now()), host);
    }
}
