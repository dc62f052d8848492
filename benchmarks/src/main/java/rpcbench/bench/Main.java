package rpcbench.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

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
import rpcbench.api.Transports;
import rpcbench.server.ServerLaunch;

/**
 * Entry point of benchmarks.jar: JMH's own command line, unchanged, with two defaults added. Without
 * {@code -p transport=...} every transport on the class path is benchmarked; without {@code -rf} or
 * {@code -rff} the results go to {@code rpcbench-<timestamp>.json} in JMH's JSON format.
 *
 * <p>Sub-commands before JMH's options: {@code check RESULT.json} (see {@link CheckCommand}).
 */
public final class Main {

    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_RUN_FAILED = 1;
    private static final String TRANSPORT_PARAM = "transport";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("check")) {
            System.exit(CheckCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args);
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
        printConfiguration(options);
        try {
            new Runner(options).run();
            System.exit(checkResult(options));
        } catch (NoBenchmarksException e) {
            exit(EXIT_BAD_INPUT, "rpc-bench: no benchmark matches " + options.getIncludes()
                    + " (list them with -l)");
        } catch (RunnerException e) {
            Throwable why = e.getCause() != null ? e.getCause() : e;
            exit(EXIT_RUN_FAILED, "rpc-bench: the run failed: " + why);
        }
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

    static String defaultResultFile(LocalDateTime now) {
        return "rpcbench-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json";
    }

    private static void printConfiguration(Options options) {
        Collection<String> transports = options.getParameter(TRANSPORT_PARAM).get();
        System.out.println("# rpc-bench: transports " + String.join(", ", transports));
        System.out.println("# rpc-bench: server JVM flags '" + System.getProperty(ServerLaunch.JVM_ARGS,
                ServerLaunch.DEFAULT_JVM_ARGS) + "', bind " + System.getProperty(ServerLaunch.BIND, "127.0.0.1")
                + ", call timeout " + RpcSettings.callTimeoutMillis() + " ms, max message "
                + RpcSettings.maxMessageBytes() + " bytes");
        String result = options.getResult().orElse("jmh-result." + options.getResultFormat()
                .orElse(ResultFormatType.CSV).toString().toLowerCase());
        System.out.println("# rpc-bench: results to " + result);
    }

    private static void exit(int code, String line) {
        System.err.println(line);
        System.exit(code);
    }
}
