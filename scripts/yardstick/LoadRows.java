import java.nio.file.Path;
import java.util.Locale;

import rpcbench.report.JmhRecord;
import rpcbench.report.JmhResults;

/**
 * One tab-separated line per open-loop record of a JMH JSON result, for load-yardstick.sh:
 * transport, connections, rate param, score (calls/s sent), achieved calls/s, corrected p50 and
 * p99 in us, failed calls. Run as a single-file program on benchmarks.jar's class path:
 * {@code java -cp benchmarks.jar scripts/yardstick/LoadRows.java RESULT.json}.
 */
public final class LoadRows {
    public static void main(String[] args) throws Exception {
        for (JmhRecord r : JmhResults.read(Path.of(args[0]))) {
            if (!r.isOpenLoop()) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%.0f\t%.0f\t%.1f\t%.1f\t%.0f%n", r.transport(),
                    r.params().get("connections"), r.params().getOrDefault("rate", "capacity"), r.primary().score(),
                    r.secondaryScore("·rate.achieved"), r.secondaryPercentile("·latency", 50),
                    r.secondaryPercentile("·latency", 99), r.secondaryScore("·failedCalls"));
        }
    }
}
