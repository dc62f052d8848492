package rpcbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tables of a report: per operation, parameters and threads, the transports side by side with
 * score and error, p50/p99 where sampled, a rate where the size is known, how many times slower
 * than the fastest and than the raw-TCP floor, a message call's codec-only time and the rest
 * ({@link CodecSplit}), bytes on the wire, cost per operation and calls.
 * Columns nobody measured are left out. Benchmarks without a transport get a generic table.
 */
final class SideBySide {

    static final String FLOOR = "tcp";

    private SideBySide() {
    }

    static List<Table> tables(Groups groups, WireBytes wire) {
        List<Table> tables = new ArrayList<>();
        CodecSplit split = new CodecSplit(groups.generic());
        for (Groups.Group g : groups.compared()) {
            tables.add(table(g, wire, split));
        }
        Map<String, List<JmhRecord>> generic = new LinkedHashMap<>();
        groups.generic().forEach(r -> generic.computeIfAbsent(r.benchmark(), b -> new ArrayList<>()).add(r));
        generic.forEach((benchmark, records) -> tables.add(genericTable(benchmark, records)));
        return tables;
    }

    private static Table table(Groups.Group g, WireBytes wire, CodecSplit split) {
        JmhRecord first = g.fastest();
        Map<String, Function<JmhRecord, String>> columns = new LinkedHashMap<>();
        columns.put("transport", JmhRecord::transport);
        columns.put("score", r -> Numbers.withError(r.primary()));
        if (!first.percentiles().isEmpty()) {
            columns.put("p50", r -> Numbers.format(r.percentile(50)));
            columns.put("p99", r -> Numbers.format(r.percentile(99)));
        }
        Rate rate = Rate.of(first);
        if (rate != null) {
            columns.put(rate.unit(), r -> Rate.of(r) == null ? "-" : Numbers.format(Rate.of(r).value()));
        }
        columns.put("x fastest", r -> Numbers.format(g.timesSlower(r, g.fastest())));
        columns.put("x " + FLOOR, r -> Numbers.format(g.timesSlower(r, g.transport(FLOOR))));
        if (split.applies(g)) {
            columns.put("codec alone", r -> split.codecOnly(r).map(c -> Numbers.format(c.primary().score())).orElse("-"));
            // Below zero the codec alone measured slower than the whole call: within their errors, not a gain.
            columns.put("rest (transport)", r -> split.rest(r).map(rest -> rest < 0 ? "≤ 0" : Numbers.format(rest)).orElse("-"));
        }
        if (g.transports().stream().anyMatch(r -> wire.of(r).isPresent())) {
            columns.put("wire B/op up / down", r -> wire.of(r).map(WireBytes::upDown).orElse("-"));
        }
        addMeasured(columns, g.transports(), "·server.cpu", "server CPU ns/op", Numbers::format);
        addMeasured(columns, g.transports(), "·client.cpu", "client CPU ns/op", Numbers::format);
        addMeasured(columns, g.transports(), "·client.alloc", "client alloc B/op", Numbers::format);
        addMeasured(columns, g.transports(), "·calls", "calls", Numbers::count);
        addMeasured(columns, g.transports(), "·failedCalls", "failed", Numbers::count);
        return new Table(g.title(), first.primary().unit() + ", " + (first.higherIsBetter() ? "higher" : "lower")
                + " is better; x = times slower", List.copyOf(columns.keySet()), rows(g.transports(), columns));
    }

    private static void addMeasured(Map<String, Function<JmhRecord, String>> columns, List<JmhRecord> records,
            String metric, String header, java.util.function.DoubleFunction<String> format) {
        if (records.stream().anyMatch(r -> Double.isFinite(r.secondaryScore(metric)))) {
            columns.put(header, r -> format.apply(r.secondaryScore(metric)));
        }
    }

    private static Table genericTable(String benchmark, List<JmhRecord> records) {
        Map<String, Function<JmhRecord, String>> columns = new LinkedHashMap<>();
        columns.put("params", r -> r.params().isEmpty() ? "-" : r.params().toString());
        columns.put("threads", r -> Integer.toString(r.threads()));
        columns.put("mode", JmhRecord::mode);
        columns.put("score", r -> Numbers.withError(r.primary()));
        columns.put("unit", r -> r.primary().unit());
        if (records.stream().anyMatch(r -> !r.percentiles().isEmpty())) {
            columns.put("p50", r -> Numbers.format(r.percentile(50)));
            columns.put("p99", r -> Numbers.format(r.percentile(99)));
        }
        return new Table(benchmark, "no transport parameter: shown as JMH measured it",
                List.copyOf(columns.keySet()), rows(records, columns));
    }

    private static List<List<String>> rows(List<JmhRecord> records, Map<String, Function<JmhRecord, String>> columns) {
        return records.stream().map(r -> columns.values().stream().map(f -> f.apply(r)).toList()).toList();
    }
}
