package rpcbench.server;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a server process costs at one moment, as answered to the {@code STATS} control command.
 * Read from the JDK's management beans so that it works on every OS; resident memory comes from
 * {@code /proc/self/status} and is -1 where the OS does not tell.
 *
 * @param cpuNanos       CPU time used by the whole process so far
 * @param heapUsedBytes  Java heap in use
 * @param heapCommittedBytes Java heap reserved from the OS
 * @param heapPeakBytes  most Java heap in use at any time since start (sum of the heap pools' peaks)
 * @param rssBytes       resident set size, or -1
 * @param peakRssBytes   peak resident set size (VmHWM), or -1
 * @param gcCount        collections so far, all collectors
 * @param gcTimeMillis   time spent in collections so far
 */
public record ServerStats(long cpuNanos, long heapUsedBytes, long heapCommittedBytes, long heapPeakBytes, long rssBytes,
                          long peakRssBytes, long gcCount, long gcTimeMillis) {

    static final String PREFIX = "STATS";

    /** Samples the current JVM. */
    public static ServerStats sampleThisProcess() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        Map<String, Long> status = procStatusKilobytes();
        return new ServerStats(os.getProcessCpuTime(), heap.getUsed(), heap.getCommitted(), heapPeak,
                status.getOrDefault("VmRSS", -1L), status.getOrDefault("VmHWM", -1L), gcCount, gcTime);
    }

    /**
     * Several processes' figures as one: times, heaps, resident sizes and collections added up (the
     * memory several server processes hold together); a resident size one process cannot tell is -1.
     */
    public static ServerStats sum(List<ServerStats> all) {
        long cpu = 0, used = 0, committed = 0, peak = 0, rss = 0, peakRss = 0, gc = 0, gcTime = 0;
        for (ServerStats s : all) {
            cpu += s.cpuNanos;
            used += s.heapUsedBytes;
            committed += s.heapCommittedBytes;
            peak += s.heapPeakBytes;
            rss = rss < 0 || s.rssBytes < 0 ? -1 : rss + s.rssBytes;
            peakRss = peakRss < 0 || s.peakRssBytes < 0 ? -1 : peakRss + s.peakRssBytes;
            gc += s.gcCount;
            gcTime += s.gcTimeMillis;
        }
        return new ServerStats(cpu, used, committed, peak, rss, peakRss, gc, gcTime);
    }

    /** The one-line form sent over the control channel. */
    public String toLine() {
        return PREFIX + " cpuNanos=" + cpuNanos + " heapUsed=" + heapUsedBytes + " heapCommitted="
                + heapCommittedBytes + " heapPeak=" + heapPeakBytes + " rss=" + rssBytes + " peakRss=" + peakRssBytes + " gcCount="
                + gcCount + " gcTimeMs=" + gcTimeMillis;
    }

    /** Parses {@link #toLine()}'s output. */
    public static ServerStats parse(String line) {
        String[] words = line.trim().split(" ");
        if (words.length == 0 || !words[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a STATS line: '" + line + "'");
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("malformed STATS field '" + words[i] + "' in '" + line + "'");
            }
            values.put(words[i].substring(0, eq), Long.parseLong(words[i].substring(eq + 1)));
        }
        return new ServerStats(field(values, "cpuNanos", line), field(values, "heapUsed", line),
                field(values, "heapCommitted", line), field(values, "heapPeak", line), field(values, "rss", line), field(values, "peakRss", line),
                field(values, "gcCount", line), field(values, "gcTimeMs", line));
    }

    private static long field(Map<String, Long> values, String name, String line) {
        Long v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("STATS line lacks " + name + ": '" + line + "'");
        }
        return v;
    }

    /** VmRSS, VmHWM and friends in bytes; empty where there is no /proc (Windows, macOS). */
    private static Map<String, Long> procStatusKilobytes() {
        Map<String, Long> result = new LinkedHashMap<>();
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return result;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Vm") && line.endsWith(" kB")) {
                    int colon = line.indexOf(':');
                    String number = line.substring(colon + 1, line.length() - 3).trim();
                    result.put(line.substring(0, colon), Long.parseLong(number) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            result.clear();
        }
        return result;
    }
}
