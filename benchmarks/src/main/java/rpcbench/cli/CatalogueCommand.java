package rpcbench.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import rpcbench.bench.Workload;

/** {@code catalogue}. */
@Command(name = "catalogue", mixinStandardHelpOptions = true, description = {"Lists every benchmark of this jar:"
        + " what one operation is, JMH's mode and unit, its parameters with their defaults, whether the default run"
        + " has it and what a transport needs for it, as a Markdown table (JMH's own list: -l, -lp)."})
final class CatalogueCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.print(Workload.markdownTable());
        return Cli.EXIT_OK;
    }
}
