package rpcbench.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import rpcbench.orchestration.Preflight;

/** {@code preflight}. */
@Command(name = "preflight", mixinStandardHelpOptions = true, description = {"Warns about what would spoil the"
        + " numbers: another rpc-bench server alive, a busy machine, CPU frequency scaling not at performance (Linux),"
        + " a power plan other than High or Ultimate performance (Windows). Warnings only: exit code 0."})
final class PreflightCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return Preflight.run();
    }
}
