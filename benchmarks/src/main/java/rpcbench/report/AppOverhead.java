package rpcbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import rpcbench.bench.Workload;

/**
 * The application-overhead tables: each call of a team's own service (a benchmark outside rpc-bench's
 * catalogue with a {@code transport} parameter, as {@link rpcbench.bench.AppServerFixture} gives it)
 * next to the bare {@code SimpleCallBenchmark} over the same transport, with the same other
 * parameters, threads and mode, from the same results. "x bare" is how many times the bare call's
 * time the application's call takes; "added" is the difference, what the application's own code,
 * messages and framework features cost beyond the framework's smallest call. One table per set of
 * other parameters and threads; none when the results hold no application call.
 */
final class AppOverhead {

    private AppOverhead() {
    }

    static List<Table> tables(List<JmhRecord> records) {
        Map<String, List<JmhRecord>> byKey = new LinkedHashMap<>();
        records.stream().filter(AppOverhead::isAppCall)
                .sorted(Comparator.comparing(JmhRecord::benchmark).thenComparing(JmhRecord::transport))
                .forEach(r -> byKey.computeIfAbsent(others(r) + " t" + r.threads(), k -> new ArrayList<>()).add(r));
        List<Table> tables = new ArrayList<>();
        for (List<JmhRecord> calls : byKey.values()) {
            tables.add(table(calls, records));
        }
        return tables;
    }

    /** A call of the application's: over a transport, not one of rpc-bench's own benchmarks, not a load run. */
    static boolean isAppCall(JmhRecord r) {
        return r.transport() != null && Workload.byBenchmark(r.benchmark()) == null && !r.isOpenLoop();
    }

    /** The bare simple call {@code app} is compared with, or null when the results hold none. */
    static JmhRecord bare(JmhRecord app, List<JmhRecord> records) {
        String simpleCall = Workload.SIMPLE_CALL.benchmark();
        return records.stream().filter(r -> r.benchmark().equals(simpleCall) && app.transport().equals(r.transport())
                        && r.threads() == app.threads() && r.mode().equals(app.mode())
                        && r.primary().unit().equals(app.primary().unit()) && others(r).equals(others(app)))
                .findFirst().orElse(null);
    }

    private static Table table(List<JmhRecord> calls, List<JmhRecord> records) {
        JmhRecord first = calls.get(0);
        Map<String, Function<JmhRecord, String>> columns = new LinkedHashMap<>();
        columns.put("application call", JmhRecord::shortName);
        columns.put("transport", JmhRecord::transport);
        columns.put("score", r -> Numbers.withError(r.primary()));
        columns.put("bare simple call", r -> bareCell(r, records, b -> Numbers.withError(b.primary())));
        columns.put("x bare", r -> bareCell(r, records, b -> Numbers.format(r.higherIsBetter()
                ? b.primary().score() / r.primary().score() : r.primary().score() / b.primary().score())));
        if (!first.higherIsBetter()) { // a difference of throughputs is no cost per call
            columns.put("added", r -> bareCell(r, records, b -> Numbers.format(r.primary().score() - b.primary().score())));
        }
        if (!first.percentiles().isEmpty()) {
            columns.put("p99 / bare p99", r -> bareCell(r, records,
                    b -> Numbers.format(r.percentile(99)) + " / " + Numbers.format(b.percentile(99))));
        }
        if (calls.stream().anyMatch(r -> Double.isFinite(r.secondaryScore("·server.cpu")))) {
            columns.put("server CPU ns/op / bare", r -> bareCell(r, records, b -> Numbers.format(r.secondaryScore("·server.cpu"))
                    + " / " + Numbers.format(b.secondaryScore("·server.cpu"))));
        }
        if (calls.stream().anyMatch(r -> Double.isFinite(r.secondaryScore("·client.cpu")))) {
            columns.put("client CPU ns/op / bare", r -> bareCell(r, records, b -> Numbers.format(r.secondaryScore("·client.cpu"))
                    + " / " + Numbers.format(b.secondaryScore("·client.cpu"))));
        }
        SortedMap<String, String> others = others(first);
        String shown = others.isEmpty() ? "" : " " + String.join(", ",
                others.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        String title = "Application overhead" + shown + ", " + first.threads() + (first.threads() == 1 ? " thread" : " threads");
        String note = first.primary().unit() + "; beside SimpleCallBenchmark over the same transport: x bare = times its"
                + " time, added = the difference, '-' = no bare call in these results";
        List<List<String>> rows = calls.stream().map(r -> columns.values().stream().map(f -> f.apply(r)).toList()).toList();
        return new Table(title, note, List.copyOf(columns.keySet()), rows);
    }

    private static String bareCell(JmhRecord app, List<JmhRecord> records, Function<JmhRecord, String> cell) {
        JmhRecord bare = bare(app, records);
        return bare == null ? "-" : cell.apply(bare);
    }

    /** The parameters other than the transport: what must be equal between a call and its bare call. */
    private static SortedMap<String, String> others(JmhRecord r) {
        SortedMap<String, String> p = new TreeMap<>(r.params());
        p.remove("transport");
        return p;
    }
}
