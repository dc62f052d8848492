package rpcbench.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import rpcbench.load.HeldLoad;
import rpcbench.orchestration.Placement;

/** {@code load [--transports a,b] [--clients 128] [--calls 10000] [--limit-seconds 600]}. */
@Command(name = "load", mixinStandardHelpOptions = true, description = {"Does every transport hold many concurrent"
        + " clients? Per transport one server and two passes of CLIENTS threads x CALLS simple calls, every answer"
        + " checked; after each pass the server collects garbage and reports its live heap.",
        "Exit 1 when a call failed or was answered wrongly, or the live heap grew between the passes by more than"
        + " 16 MB."})
final class LoadCommand implements Callable<Integer> {

    @Option(names = "--transports", split = ",", paramLabel = "NAME", description = "default: every transport")
    List<String> transports;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "128", converter = Bounded.Clients.class,
            description = "client threads, each with its own connection, 1..4096 (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "10000", converter = Bounded.Calls.class,
            description = "calls per client and pass, 1..100000000 (default: ${DEFAULT-VALUE})")
    int calls;

    @Option(names = "--limit-seconds", paramLabel = "S", defaultValue = "600", converter = Bounded.Seconds.class,
            description = "a pass that takes longer fails, 1..86400 (default: ${DEFAULT-VALUE})")
    int limitSeconds;

    @Override
    public Integer call() {
        String remoteProblem = Placement.prepareRemote();
        if (remoteProblem != null) {
            System.err.println("load: " + remoteProblem);
            return Cli.EXIT_RUN_FAILED;
        }
        return HeldLoad.run(Cli.transports(transports), clients, calls, limitSeconds);
    }
}
