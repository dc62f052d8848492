package rpcbench.orchestration;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rpcbench.os.CpuList;

/**
 * One checked {@code run}: where its results go, and how its benchmark JVM is started. Made by the
 * {@code run} command once every option has been checked; nothing here is checked again.
 *
 * @param out        the results folder (does not exist yet, or is empty)
 * @param baseline   earlier results.json the report compares against, or null
 * @param clientCpus CPUs of this process and so of the benchmark JVM, its forks and (unless pinned
 *                   apart) their servers; null for no pinning
 * @param jvmArgs    the benchmark JVM's flags, class path and main class
 * @param mainArgs   its command line (benchmarks.jar's: profile, JMH options, result file)
 * @param options    every option of the run, for env.json
 * @param dryRun     print what would run, run nothing
 */
public record RunRequest(Path out, Path baseline, CpuList clientCpus, List<String> jvmArgs, List<String> mainArgs,
                         Map<String, String> options, boolean dryRun) {

    public RunRequest {
        jvmArgs = List.copyOf(jvmArgs);
        mainArgs = List.copyOf(mainArgs);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options)); // in the order given
    }

    /** Where JMH writes the run's result. */
    public static Path results(Path out) {
        return out.resolve("results.json");
    }

    /** Where the servers' logs go (kept after a failure only). */
    public static Path serverLogs(Path out) {
        return out.resolve("server-logs");
    }
}
