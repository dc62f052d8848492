package rpcbench.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import rpcbench.api.Setting;

/** {@code settings}. */
@Command(name = "settings", mixinStandardHelpOptions = true, description = {"Lists every rpcbench.* setting this"
        + " jar knows, with its default and meaning, as rows of a Markdown table (set one with -Dname=value before"
        + " -jar)."})
final class SettingsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("| property | default | meaning |");
        System.out.println("|---|---|---|");
        for (Setting<?> s : BenchmarkRun.knownSettings()) {
            System.out.println("| `" + s.name() + "` | " + s.defaultText() + " | " + s.description() + " |");
        }
        return Cli.EXIT_OK;
    }
}
