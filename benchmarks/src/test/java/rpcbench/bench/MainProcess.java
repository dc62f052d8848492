package rpcbench.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** benchmarks.jar's entry point started as users start it, in its own process, for process tests. */
public final class MainProcess {

    private MainProcess() {
    }

    /** {@code java [jvmFlags] Main [args]} in {@code dir}, stdout and stderr merged, stdin empty. */
    public static Process start(Path dir, List<String> jvmFlags, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Tests check behaviour, not speed: another JMH run on the machine must not block them.
                "-Djmh.ignoreLock=true"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice()))).start();
    }

    private static String nullDevice() {
        return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
    }
}
