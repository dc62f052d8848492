package rpcbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import rpcbench.report.BadResultFile;
import rpcbench.wire.WirePlan;

/** {@code wire [--transports a,b] [--result RUN.json] [--out FILE]}. */
@Command(name = "wire", mixinStandardHelpOptions = true, description = {"Counts bytes on the wire per operation"
        + " for each transport, through a relay in an untimed pass, printed as a table and written as JSON. A run"
        + " does this by itself for what it measured (NAME-wire.json beside its result)."})
final class WireCommand implements Callable<Integer> {

    @Option(names = "--transports", split = ",", paramLabel = "NAME", description = "default: every transport")
    List<String> transports;

    @Option(names = "--result", paramLabel = "RUN.json", description = "count exactly the benchmarks and parameter"
            + " values of this result (default: every benchmark with its default values)")
    Path result;

    @Option(names = "--out", paramLabel = "FILE.json", defaultValue = "rpcbench-wire.json",
            description = "where the counts go (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        List<String> names = Cli.transports(transports);
        if (result == null) {
            return WirePlan.measure(WirePlan.defaults(names), out);
        }
        try {
            var plan = WirePlan.of(result);
            plan.keySet().retainAll(names);
            return WirePlan.measure(plan, out);
        } catch (BadResultFile e) {
            System.err.println("wire: " + e.getMessage());
            return Cli.EXIT_BAD_INPUT;
        }
    }
}
