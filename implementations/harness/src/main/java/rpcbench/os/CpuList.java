package rpcbench.os;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A set of CPUs as Linux's taskset and Windows' affinity masks number them, written {@code 0,2-3}.
 * Windows pins a process within one processor group of at most 64 CPUs (an affinity mask is one
 * 64-bit word), so {@link #mask()} refuses CPU 64 and up instead of letting them wrap onto bit 0.
 *
 * @param cpus the CPU numbers, at least one
 */
public record CpuList(SortedSet<Integer> cpus) {

    /** CPUs one Windows affinity mask can name: one processor group. */
    public static final int MASK_CPUS = 64;
    /** Largest CPU number accepted at all (Linux's default NR_CPUS ceiling). */
    static final int MAX_CPU = 8191;

    public CpuList {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("a CPU list names at least one CPU");
        }
        cpus = Collections.unmodifiableSortedSet(new TreeSet<>(cpus));
    }

    /**
     * A list such as {@code 0}, {@code 0,2} or {@code 0-3,6}.
     *
     * @throws IllegalArgumentException naming the text and what a CPU list looks like
     */
    public static CpuList parse(String text) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            String[] range = part.trim().split("-", -1);
            int from = number(range[0], text);
            int to = range.length == 2 ? number(range[1], text) : from;
            if (range.length > 2 || to < from) {
                throw notAList(text);
            }
            for (int cpu = from; cpu <= to; cpu++) {
                cpus.add(cpu);
            }
        }
        return new CpuList(cpus);
    }

    /** The CPUs whose bits are set in a Windows affinity mask. */
    public static CpuList ofMask(long mask) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (int bit = 0; bit < MASK_CPUS; bit++) {
            if ((mask & (1L << bit)) != 0) {
                cpus.add(bit);
            }
        }
        return new CpuList(cpus);
    }

    /**
     * The Windows affinity mask: CPU n is bit n.
     *
     * @throws IllegalArgumentException for a CPU of 64 or more, which no mask of one processor group names
     */
    public long mask() {
        long mask = 0;
        for (int cpu : cpus) {
            if (cpu >= MASK_CPUS) {
                throw new IllegalArgumentException("CPU " + cpu + " is beyond the " + MASK_CPUS + " CPUs that Windows"
                        + " can pin a process to (one processor group, one 64-bit affinity mask): choose CPUs 0-"
                        + (MASK_CPUS - 1));
            }
            mask |= 1L << cpu;
        }
        return mask;
    }

    /** The highest CPU named. */
    public int highest() {
        return cpus.last();
    }

    /** The list as taskset writes it: ranges joined with commas, {@code 0,2-3}. */
    public String text() {
        List<String> parts = new ArrayList<>();
        Integer start = null;
        Integer previous = null;
        for (int cpu : cpus) {
            if (previous != null && cpu != previous + 1) {
                parts.add(range(start, previous));
                start = null;
            }
            start = start == null ? cpu : start;
            previous = cpu;
        }
        parts.add(range(start, previous));
        return String.join(",", parts);
    }

    @Override
    public String toString() {
        return text();
    }

    private static String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }

    private static int number(String word, String text) {
        try {
            int cpu = Integer.parseInt(word.trim());
            if (cpu >= 0 && cpu <= MAX_CPU) {
                return cpu;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw notAList(text);
    }

    private static IllegalArgumentException notAList(String text) {
        return new IllegalArgumentException("'" + text + "' is not a CPU list such as 0, 0,2 or 0-3 (CPUs 0.."
                + MAX_CPU + ")");
    }
}
