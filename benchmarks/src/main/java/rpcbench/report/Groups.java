package rpcbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Records that belong side by side: the same benchmark, parameters other than the transport, and
 * thread count, one record per transport. Records of benchmarks without a transport @Param
 * (another project's JMH output) are kept apart for a generic table.
 */
record Groups(List<Group> compared, List<JmhRecord> generic) {

    /** One operation with one set of parameters and threads, its transports fastest first. */
    record Group(String benchmark, SortedMap<String, String> params, int threads, List<JmhRecord> transports) {

        String title() {
            String shown = params.isEmpty() ? "" : " " + String.join(", ",
                    params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            return shortName() + shown + ", " + threads + (threads == 1 ? " thread" : " threads");
        }

        String shortName() {
            return transports.get(0).shortName();
        }

        JmhRecord fastest() {
            return transports.get(0);
        }

        JmhRecord transport(String name) {
            return transports.stream().filter(r -> name.equals(r.transport())).findFirst().orElse(null);
        }

        /** How many times slower than {@code reference}: 1.0 is as fast, whatever the mode. */
        double timesSlower(JmhRecord r, JmhRecord reference) {
            if (reference == null) {
                return Double.NaN;
            }
            double a = r.primary().score();
            double b = reference.primary().score();
            return r.higherIsBetter() ? b / a : a / b;
        }
    }

    /** Groups in the order benchmarks first appear, parameters in natural order within each. */
    static Groups of(List<JmhRecord> records) {
        Map<String, Map<String, List<JmhRecord>>> byBenchmark = new LinkedHashMap<>();
        List<JmhRecord> generic = new ArrayList<>();
        for (JmhRecord r : records) {
            if (r.transport() == null) {
                generic.add(r);
                continue;
            }
            byBenchmark.computeIfAbsent(r.benchmark(), b -> new TreeMap<>(Groups::naturalOrder))
                    .computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
        }
        List<Group> groups = new ArrayList<>();
        for (Map<String, List<JmhRecord>> perKey : byBenchmark.values()) {
            for (List<JmhRecord> same : perKey.values()) {
                JmhRecord first = same.get(0);
                List<JmhRecord> sorted = new ArrayList<>(same);
                Comparator<JmhRecord> byScore = Comparator.comparingDouble(r -> r.primary().score());
                sorted.sort(first.higherIsBetter() ? byScore.reversed() : byScore);
                groups.add(new Group(first.benchmark(), withoutTransport(first), first.threads(), sorted));
            }
        }
        return new Groups(groups, generic);
    }

    /** What identifies a record across runs: benchmark, every parameter, threads. */
    static String identity(JmhRecord r) {
        return r.benchmark() + " " + r.params() + " t" + r.threads();
    }

    private static String key(JmhRecord r) {
        return withoutTransport(r).values().stream().reduce("", (a, b) -> a + "\u0000" + b)
                + "\u0000" + String.format("%09d", r.threads());
    }

    private static SortedMap<String, String> withoutTransport(JmhRecord r) {
        SortedMap<String, String> p = new TreeMap<>(r.params());
        p.remove("transport");
        return p;
    }

    /** Orders "1024" before "102400" before "1048576": numbers by value, the rest as text. */
    static int naturalOrder(String a, String b) {
        String[] x = a.split("\u0000", -1);
        String[] y = b.split("\u0000", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareCell(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareCell(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
