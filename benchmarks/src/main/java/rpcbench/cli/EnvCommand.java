package rpcbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import rpcbench.orchestration.Environment;

/** {@code env --out FILE [--options KEY=VALUE ...]}. */
@Command(name = "env", mixinStandardHelpOptions = true, description = {"Writes env.json: OS, CPU, cores, memory, JDK,"
        + " JMH and framework versions, git commit, the run's options, CPU placement, power plan or frequency"
        + " governors."})
final class EnvCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where env.json goes")
    Path out;

    @Option(names = "--options", arity = "0..*", paramLabel = "KEY=VALUE", description = "the run's options, recorded")
    Map<String, String> options = new LinkedHashMap<>();

    @Override
    public Integer call() {
        Path folder = out.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            System.err.println("env: --out " + out + ": the folder does not exist");
            return Cli.EXIT_BAD_INPUT;
        }
        return Environment.write(out, options);
    }
}
