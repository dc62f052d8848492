package rpcbench.orchestration;

import java.util.Arrays;

/** The orchestration sub-commands of benchmarks.jar: {@code env}, {@code preflight}, {@code server}. */
public final class Commands {

    private Commands() {
    }

    public static boolean handles(String name) {
        return name.equals("env") || name.equals("preflight") || name.equals("server");
    }

    /** Runs {@code args[0]} with the rest as its options; returns the exit code. */
    public static int run(String[] args) {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "env" -> EnvCommand.run(rest);
            case "preflight" -> PreflightCommand.run(rest);
            default -> ServerCommand.run(rest);
        };
    }
}
