package rpcbench.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import rpcbench.api.RpcSettings;
import rpcbench.orchestration.Host;
import rpcbench.orchestration.RunRequest;
import rpcbench.os.CpuList;
import rpcbench.remote.RemoteHost;
import rpcbench.report.BadResultFile;
import rpcbench.report.JmhResults;
import rpcbench.server.ServerLaunch;
import rpcbench.server.ServerProcess;

/**
 * Turns {@code run}'s options into a {@link RunRequest}, checking all of them first, so that bad
 * input is one line and exit code 2 before anything is created (a misspelt profile used to build
 * the jar and make the results folder, then fail): the folder, the baseline (read as JMH JSON), the
 * CPU lists against this machine and Windows' 64-CPU masks, the quoting of the JVM flags and the
 * prefix, every rpcbench.* setting the benchmark JVM would get, and its JMH command line, profile
 * applied, as the benchmark JVM will check it.
 */
final class RunBuilder {

    private static final List<String> RESULT_OPTIONS = List.of("-rf", "-rff", "-o");
    private final RunCommand o;
    private final Host host;

    RunBuilder(RunCommand options, Host host) {
        this.o = options;
        this.host = host;
    }

    /** The checked request; throws IllegalArgumentException naming the first problem. */
    RunRequest request(LocalDateTime now) {
        Path out = Path.of(o.out != null ? o.out.toString() : RunCommand.defaultFolder(now, o.profile))
                .toAbsolutePath().normalize();
        refuseFilledFolder(out);
        Path baseline = baseline();
        List<String> transports = o.transports.isEmpty() ? List.of() : Cli.transports(o.transports);
        CpuList clientCpus = cpus("--client-cpus", o.clientCpus);
        CpuList serverCpus = cpus("--server-cpus", o.serverCpus);
        List<String> userJmh = new ArrayList<>(o.jmhArgs);
        userJmh.addAll(o.jmh);
        for (int i = 0; i < userJmh.size(); i++) {
            // JMH's options have one dash; a --word is a misspelt option of run's (or a JVM flag after -jvmArgs).
            boolean jvmFlag = i > 0 && userJmh.get(i - 1).startsWith("-jvmArgs");
            if (userJmh.get(i).startsWith("--") && userJmh.get(i).length() > 2 && !jvmFlag) {
                throw new IllegalArgumentException("unknown option '" + userJmh.get(i) + "' (see run --help)");
            }
        }
        userJmh.stream().filter(RESULT_OPTIONS::contains).findFirst().ifPresent(option -> {
            throw new IllegalArgumentException(option + ": run writes results.json in its folder; choose the folder"
                    + " with --out");
        });

        List<String> jvm = new ArrayList<>(ServerProcess.UTF8_OUTPUT);
        jvm.add(define(ServerProcess.LOG_DIR.name(), RunRequest.serverLogs(out).toString()));
        jvm.addAll(words("--client-jvm-args", o.clientJvmArgs));
        jvm.add(define(BenchmarkRun.REPORT.name(), "false")); // the run writes the report, into report/
        jvm.add(define(BenchmarkRun.EXIT_WITH_PARENT.name(), "true"));
        if (o.serverJvmArgs != null) {
            jvm.add(define(ServerLaunch.JVM_ARGS.name(), o.serverJvmArgs));
        }
        if (o.serverPrefix != null) {
            jvm.add(define(ServerLaunch.PREFIX.name(), o.serverPrefix));
        }
        if (o.serverAddress != null) {
            jvm.add(define(ServerLaunch.ADDRESS.name(), o.serverAddress));
        }
        if (o.remoteHost != null) {
            jvm.add(define(RemoteHost.HOST.name(), o.remoteHost));
        }
        if (serverCpus != null) {
            jvm.add(define(ServerLaunch.CPUS.name(), serverCpus.text()));
        }
        jvm.addAll(List.of("-cp", absoluteClassPath(), Main.class.getName()));

        List<String> jmhLine = new ArrayList<>(List.of("-rf", "json", "-rff", RunRequest.results(out).toString()));
        if (!transports.isEmpty()) {
            jmhLine.addAll(List.of("-p", "transport=" + String.join(",", transports)));
        }
        if (o.benchmarks != null) {
            jmhLine.add(o.benchmarks);
        }
        jmhLine.addAll(userJmh);
        checkBenchmarkJvm(jvm, jmhLine, !transports.isEmpty());

        List<String> main = new ArrayList<>(List.of("--profile", o.profile.label()));
        if (!o.clients.isEmpty()) {
            main.addAll(List.of("--clients", String.join(",", o.clients.stream().map(String::valueOf).toList())));
        }
        main.addAll(jmhLine);
        return new RunRequest(out, baseline, clientCpus, jvm, main, options(clientCpus, serverCpus, userJmh), o.dryRun);
    }

    /** The benchmark JVM's settings and JMH line, checked here as it would check them, profile applied. */
    private void checkBenchmarkJvm(List<String> jvm, List<String> jmhLine, boolean transportsGiven) {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(o.profile.apply(jmhLine.toArray(String[]::new)));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException(e.getMessage() + " (see run --help; JMH's options: java -jar"
                    + " benchmarks.jar -h)");
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
                || cmd.shouldListResultFormats()) {
            throw new IllegalArgumentException("run measures; JMH's help and lists come from java -jar benchmarks.jar"
                    + " -h or -l");
        }
        if (transportsGiven && cmd.getParameter("transport").get().size() != o.transports.size()) {
            throw new IllegalArgumentException("give the transports once: --transports or -p transport=...");
        }
        if (RunPlan.selected(cmd.getIncludes(), cmd.getExcludes()).isEmpty()
                && RunPlan.own(cmd.getIncludes(), cmd.getExcludes()).isEmpty()) {
            throw new IllegalArgumentException("no benchmark matches " + cmd.getIncludes() + " (list them with java"
                    + " -jar benchmarks.jar -l)");
        }
        Map<String, String> defines = new LinkedHashMap<>();
        for (String flag : jvm) {
            if (flag.startsWith("-D" + RpcSettings.PREFIX) && flag.indexOf('=') > 0) {
                defines.put(flag.substring(2, flag.indexOf('=')), flag.substring(flag.indexOf('=') + 1));
            }
        }
        RpcSettings settings = RpcSettings.of(defines);
        settings.checkKnown(BenchmarkRun.knownSettings());
        RunChecks.check(cmd, settings);
        if (settings.get(ServerLaunch.ADDRESS) == null) {
            // What the forks will start, checked now: Windows refuses a quote inside an argument and a pinned prefix.
            ServerProcess.command(ServerLaunch.of("tcp", settings), settings, host.os());
        }
        if (settings.get(ServerLaunch.CPUS) != null || !o.clientCpus.isEmpty()) {
            requireTaskset();
        }
    }

    private void refuseFilledFolder(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        try (Stream<Path> entries = Files.isDirectory(out) ? Files.list(out) : Stream.empty()) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("--out " + out + " already holds files (an earlier run's?):"
                        + " give a new or empty folder");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out + ": " + e.getMessage());
        }
    }

    /** The baseline as an absolute path to JMH JSON (a results folder means its results.json), read now. */
    private Path baseline() {
        if (o.baseline == null) {
            return null;
        }
        Path file = o.baseline.toAbsolutePath().normalize();
        file = Files.isDirectory(file) ? RunRequest.results(file) : file;
        try {
            JmhResults.read(file);
        } catch (BadResultFile e) {
            throw new IllegalArgumentException("--baseline " + e.getMessage());
        }
        return file;
    }

    /** A CPU list, checked against this machine's CPUs and, on Windows, against one affinity mask. */
    private CpuList cpus(String option, List<String> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        CpuList cpus;
        try {
            cpus = CpuList.parse(String.join(",", parts));
            if (host.windows()) {
                cpus.mask();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
        CpuList online = host.onlineCpus();
        if (online != null && !online.cpus().containsAll(cpus.cpus())) {
            throw new IllegalArgumentException(option + " " + cpus + ": this machine has CPUs " + online);
        }
        return cpus;
    }

    private void requireTaskset() {
        if (host.windows()) {
            return;
        }
        try {
            if (host.os().commands().run(List.of("taskset", "--version")).ok()) {
                return;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalArgumentException("--client-cpus and --server-cpus need taskset (util-linux), not found");
    }

    /** This JVM's class path with absolute entries, so that {@code java @benchmark.args} works from any folder. */
    private static String absoluteClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> words(String option, String text) {
        try {
            return text == null ? List.of() : ServerLaunch.words(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static String define(String name, String value) {
        return "-D" + name + "=" + value;
    }

    /** Every option as given, for env.json. */
    private Map<String, String> options(CpuList clientCpus, CpuList serverCpus, List<String> userJmh) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("profile", o.profile.label());
        m.put("transports", String.join(",", o.transports));
        m.put("benchmarks", text(o.benchmarks));
        m.put("clients", String.join(",", o.clients.stream().map(String::valueOf).toList()));
        m.put("baseline", o.baseline == null ? "" : o.baseline.toString());
        m.put("client-jvm-args", text(o.clientJvmArgs));
        m.put("server-jvm-args", text(o.serverJvmArgs));
        m.put("client-cpus", clientCpus == null ? "" : clientCpus.text());
        m.put("server-cpus", serverCpus == null ? "" : serverCpus.text());
        m.put("server-prefix", text(o.serverPrefix));
        m.put("server-address", text(o.serverAddress));
        m.put("remote-host", text(o.remoteHost));
        m.put("jmh-args", String.join(" ", userJmh));
        m.put("command", "benchmarks.jar run");
        return m;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
