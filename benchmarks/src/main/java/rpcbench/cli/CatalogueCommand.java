package rpcbench.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import rpcbench.api.ServerMode;
import rpcbench.api.Transport;
import rpcbench.api.Transports;
import rpcbench.bench.Workload;

/** {@code catalogue}. */
@Command(name = "catalogue", mixinStandardHelpOptions = true, description = {"Lists every benchmark of this jar:"
        + " what one operation is, JMH's mode and unit, its parameters with their defaults, whether the default run"
        + " has it and what a transport needs for it, as a Markdown table (JMH's own list: -l, -lp)."})
final class CatalogueCommand implements Callable<Integer> {

    @Option(names = "--server-modes", description = "list each transport's server modes (-p serverMode=NAME) instead,"
            + " the first of each being its default, as a Markdown table")
    boolean serverModes;

    @Override
    public Integer call() {
        System.out.print(serverModes ? serverModesTable() : Workload.markdownTable());
        return Cli.EXIT_OK;
    }

    /** Every transport's server modes, from the transports themselves: the systems page's table. */
    static String serverModesTable() {
        StringBuilder out = new StringBuilder("| transport | serverMode | JDK | what the server does |\n|---|---|---|---|\n");
        for (Transport t : Transports.all()) {
            for (ServerMode m : t.serverModes()) {
                out.append("| `").append(t.name()).append("` | `").append(m.name()).append('`')
                        .append(m.isDefaultOf(t) ? " (default)" : "").append(" | ")
                        .append(m.minimumJdk() > 0 ? m.minimumJdk() + "+" : "17+").append(" | ")
                        .append(m.description()).append(" |\n");
            }
        }
        return out.toString();
    }
}
