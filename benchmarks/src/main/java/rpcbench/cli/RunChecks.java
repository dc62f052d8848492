package rpcbench.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.runner.options.CommandLineOptions;

import rpcbench.api.CallAuth;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.Setting;
import rpcbench.api.SharedPort;
import rpcbench.api.Transports;
import rpcbench.api.tls.Tls;
import rpcbench.bench.AuthParam;
import rpcbench.bench.BenchParam;
import rpcbench.bench.MessageBenchmark;
import rpcbench.bench.ServerFixture;
import rpcbench.bench.Workload;
import rpcbench.orchestration.Placement;
import rpcbench.relay.NetDelay;
import rpcbench.server.ServerGroup;
import rpcbench.server.ServerLaunch;

/**
 * What a benchmark run's command line asks of its servers and clients, checked before anything
 * runs: parameter values, server work, modes and processes, tokens, TLS, codecs, placement and
 * delay, each refused in one line naming the valid choices.
 */
final class RunChecks {

    private static final String SERVER_MODE_PARAM = "serverMode";
    private static final String SERVER_PROCESSES_PARAM = "serverProcesses";

    private RunChecks() {
    }

    /**
     * Refuses, in one line each, what would fail a run of JMH's command line {@code cmd} with
     * {@code settings} (the benchmark JVM's): an unknown transport, an impossible parameter value,
     * a malformed delay or placement. The run command checks its benchmark JVM's line with it before
     * anything runs.
     *
     * @return the transports the run would measure
     * @throws IllegalArgumentException naming the problem
     */
    static List<String> check(CommandLineOptions cmd, RpcSettings settings) {
        List<String> transports;
        if (cmd.getParameter(BenchmarkRun.TRANSPORT_PARAM).hasValue()) {
            transports = List.copyOf(cmd.getParameter(BenchmarkRun.TRANSPORT_PARAM).get());
            transports.forEach(Transports::byName);
        } else {
            transports = Transports.names();
            if (transports.isEmpty()) {
                throw new IllegalArgumentException("no transport on the class path");
            }
        }
        for (BenchParam p : BenchParam.values()) {
            cmd.getParameter(p.jmhName()).orElse(List.of()).forEach(p::check);
        }
        checkCodecs(cmd, transports);
        settings.get(NetDelay.DELAY); // a bad delay fails here in one line, not in every fork
        Placement.check(transports, settings);
        Collection<String> modes = cmd.getParameter(SERVER_MODE_PARAM).orElse(List.of());
        List<Integer> processes = cmd.getParameter(SERVER_PROCESSES_PARAM).orElse(List.of()).stream()
                .map(n -> Integer.parseInt(n.trim())).toList(); // checked above (BenchParam.SERVER_PROCESSES)
        if (settings.get(ServerLaunch.ADDRESS) != null && (modes.stream().anyMatch(m -> !m.equals(ServerMode.DEFAULT))
                || cmd.getParameter("work").orElse(List.of()).stream().anyMatch(w -> !w.equals(ServerFixture.NO_WORK))
                || processes.stream().anyMatch(n -> n != 1))) {
            throw new IllegalArgumentException("the server already running at " + settings.get(ServerLaunch.ADDRESS)
                    + " has its own work, mode and processes: start it with -D" + ServerWork.MICROS + " or -D"
                    + ServerMode.SETTING + " instead of -p work or -p serverMode, and give no -p " + SERVER_PROCESSES_PARAM);
        }
        if (settings.get(ServerLaunch.ADDRESS) != null
                && cmd.getParameter("auth").orElse(List.of()).stream().anyMatch(a -> !a.equals(AuthParam.NONE))) {
            throw new IllegalArgumentException("-p auth=" + AuthParam.TOKEN + " makes a token per trial, which the server"
                    + " already running at " + settings.get(ServerLaunch.ADDRESS) + " cannot know: valid there: -p auth="
                    + AuthParam.NONE);
        }
        checkTls(cmd, settings);
        return withServerModes(transports, modes, processes, cmd.getParameter(BenchmarkRun.TRANSPORT_PARAM).hasValue(), settings);
    }

    /**
     * {@code -p tls} is how a run asks for TLS on the servers it starts; {@code -Drpcbench.tls} only
     * says how to reach a server already running ({@link ServerLaunch#ADDRESS}), which has its own.
     */
    static void checkTls(CommandLineOptions cmd, RpcSettings settings) {
        boolean external = settings.get(ServerLaunch.ADDRESS) != null;
        if (!external && settings.isSet(Tls.ENABLED)) {
            throw new IllegalArgumentException("-D" + Tls.ENABLED + " is what a benchmark's -p tls becomes on its server:"
                    + " give the parameter instead (the setting is for a server already running, -D" + ServerLaunch.ADDRESS + ")");
        }
        if (external && cmd.getParameter("tls").orElse(List.of()).stream().anyMatch(v -> !v.equals(ServerFixture.NO_TLS))) {
            throw new IllegalArgumentException("the server already running at " + settings.get(ServerLaunch.ADDRESS)
                    + " has its own TLS: give -D" + Tls.ENABLED + "=true -D" + Tls.TRUST + "=<its TRUST line> instead of -p tls");
        }
    }

    /**
     * The transports that have every server mode of {@code modes} (-p serverMode). Transports the
     * run chose itself (every one on the class path) that lack one are left out, saying why, as a
     * workload leaves out the transports that cannot run it; a transport named with -p transport
     * that lacks one fails the run. The benchmarks' work and mode are parameters: the settings they
     * become on the server are refused here, so that a result's parameters say what its server did.
     *
     * @throws IllegalArgumentException in one line naming the valid modes
     */
    static List<String> withServerModes(List<String> transports, Collection<String> modes, List<Integer> processes,
                                        boolean named, RpcSettings settings) {
        Map<Setting<?>, String> params = Map.of(ServerWork.MICROS, "work", ServerMode.SETTING, SERVER_MODE_PARAM,
                SharedPort.SETTING, SERVER_PROCESSES_PARAM);
        for (Setting<?> s : List.of(ServerWork.MICROS, ServerMode.SETTING, SharedPort.SETTING)) {
            if (settings.isSet(s)) {
                throw new IllegalArgumentException("-D" + s + " is what a benchmark's -p " + params.get(s)
                        + " becomes on its server: give the parameter instead");
            }
        }
        if (settings.isSet(CallAuth.TOKEN)) { // a token given here would reach the forks' command lines and the results
            throw new IllegalArgumentException("-D" + CallAuth.TOKEN + " is made per trial by -p auth=token; give the"
                    + " parameter instead");
        }
        List<String> able = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (String t : transports) {
            try {
                modes.forEach(m -> ServerMode.choose(Transports.byName(t), m));
                processes.forEach(n -> ServerGroup.check(Transports.byName(t), n));
                able.add(t);
            } catch (IllegalArgumentException e) {
                if (named) {
                    throw e;
                }
                System.out.println("# rpc-bench: leaves out " + t + ": " + e.getMessage());
                reasons.add(e.getMessage());
            }
        }
        if (able.isEmpty()) {
            throw new IllegalArgumentException("no transport can run -p " + SERVER_MODE_PARAM + "=" + String.join(",", modes)
                    + " with -p " + SERVER_PROCESSES_PARAM + "=" + processes + ": " + String.join("; ", reasons));
        }
        return able;
    }

    /**
     * A codec named with {@code -p codec=} that a transport of a run with MessageBenchmark cannot
     * carry is refused before anything runs, in one line naming that transport's valid choices.
     */
    private static void checkCodecs(CommandLineOptions cmd, List<String> transports) {
        Collection<String> codecs = cmd.getParameter(BenchParam.CODEC.jmhName()).orElse(List.of());
        if (codecs.isEmpty() || !(cmd.getIncludes().isEmpty() ? Workload.defaultRun()
                : RunPlan.selected(cmd.getIncludes(), cmd.getExcludes())).contains(Workload.MESSAGE)) {
            return;
        }
        for (String t : transports) {
            codecs.forEach(c -> MessageBenchmark.codec(Transports.byName(t), c));
        }
    }
}
