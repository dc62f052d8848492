package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** benchmarks.jar's entry point started as users start it, in its own process, for process tests. */
public final class MainProcess {

    private MainProcess() {
    }

    /** {@code java [jvmFlags] Main [args]} in {@code dir}, stdout and stderr merged, stdin empty. */
    public static Process start(Path dir, List<String> jvmFlags, String... args) throws Exception {
        return start(dir, jvmFlags, Map.of(), args);
    }

    /** {@link #start(Path, List, String...)} with {@code env} added to the environment. */
    public static Process start(Path dir, List<String> jvmFlags, Map<String, String> env, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Tests check behaviour, not speed: another JMH run on the machine must not block them.
                "-Djmh.ignoreLock=true"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs main, expects exit code 2 and one line of output; returns that line. */
    public static String badInputLine(Path dir, List<String> jvmFlags, String... args) throws Exception {
        Process p = start(dir, jvmFlags, args);
        String output = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(50, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertEquals(1, output.lines().count(), output);
        return output;
    }

    private static String nullDevice() {
        return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
    }
}
