package rpcbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import rpcbench.api.Transports;

/**
 * The tables of the open-loop load results: latency at each offered rate (corrected from the
 * intended send time, and uncorrected), with achieved rate and cost per call; and capacity per
 * transport and connection count, with calls per server CPU-second. A rate whose achieved rate
 * fell short of the offered one, or whose load generator sent late, is marked, never shown as if
 * it were the load asked for.
 */
final class LoadTables {

    /** Below this fraction of the offered rate answered, a rate was not sustained (as {@code check} says). */
    static final double SUSTAINED = 0.97;
    /** A load generator that sends its p99 call later than this is the bottleneck, not the server. */
    static final double LATE_SEND_US = 1000;
    /** Above this share of its CPUs busy, the load generator may be what limits the figure. */
    static final double CLIENT_BUSY = 0.9;

    private LoadTables() {
    }

    static List<Table> tables(List<JmhRecord> load) {
        Map<String, List<JmhRecord>> groups = new LinkedHashMap<>();
        for (JmhRecord r : load) {
            groups.computeIfAbsent(r.shortName() + ", " + setting(r), k -> new ArrayList<>()).add(r);
        }
        List<Table> tables = new ArrayList<>();
        groups.forEach((title, records) -> tables.add(records.get(0).shortName().startsWith("CapacityBenchmark")
                ? capacity(title, records) : atRate(title, records)));
        return tables;
    }

    /** What a table's rows share: everything but transport, rate and connections (capacity rows differ by those). */
    static String setting(JmhRecord r) {
        Map<String, String> p = new TreeMap<>(r.params());
        p.remove("transport");
        p.remove("rate");
        if (r.shortName().startsWith("CapacityBenchmark")) {
            p.remove("connections");
        }
        return String.join(", ", p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                + ", " + r.threads() + (r.threads() == 1 ? " sender" : " senders");
    }

    private static Table atRate(String title, List<JmhRecord> records) {
        Map<String, Function<JmhRecord, String>> c = new LinkedHashMap<>();
        c.put("transport", JmhRecord::transport);
        c.put("rate", r -> r.params().getOrDefault("rate", "-"));
        c.put("offered /s", r -> Numbers.format(r.secondaryScore("·rate.offered")));
        c.put("achieved /s", r -> Numbers.format(r.secondaryScore("·rate.achieved")));
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            c.put(p == 100 ? "max" : "p" + Numbers.format(p).replaceAll("\\.0+$", ""),
                    r -> Numbers.format(r.secondaryPercentile("·latency", p)));
        }
        c.put("p99 uncorrected", r -> Numbers.format(r.secondaryPercentile("·latency.uncorrected", 99)));
        c.put("send lag p99", r -> Numbers.format(r.secondaryScore("·sendLag.p99")));
        c.put("server CPU us/call", r -> Numbers.format(r.secondaryScore("·server.cpu") / 1000));
        c.put("client CPU us/call", r -> Numbers.format(r.secondaryScore("·client.cpu") / 1000));
        c.put("failed", r -> Numbers.count(r.secondaryScore("·failedCalls")));
        c.put("verdict", LoadTables::verdict);
        return new Table(title, "latency in us from each call's intended send time (corrected), unless said;"
                + " open loop", List.copyOf(c.keySet()), rows(sorted(records), c));
    }

    private static Table capacity(String title, List<JmhRecord> records) {
        Map<String, Function<JmhRecord, String>> c = new LinkedHashMap<>();
        c.put("transport", JmhRecord::transport);
        c.put("connections", r -> r.params().getOrDefault("connections", "-"));
        c.put("capacity /s", r -> Numbers.withError(r.primary()));
        c.put("answered /s", r -> Numbers.format(r.secondaryScore("·rate.achieved")));
        c.put("calls per server CPU-s", r -> Numbers.format(perServerCpuSecond(r)));
        c.put("p50", r -> Numbers.format(r.secondaryPercentile("·latency", 50)));
        c.put("p99", r -> Numbers.format(r.secondaryPercentile("·latency", 99)));
        c.put("client CPU busy", r -> percent(clientBusy(r)));
        c.put("failed", r -> Numbers.count(r.secondaryScore("·failedCalls")));
        c.put("verdict", LoadTables::verdict);
        return new Table(title, "calls/s sustained at a p99 within p99LimitMs; latency in us (corrected)",
                List.copyOf(c.keySet()), rows(sorted(records), c));
    }

    /** Calls per second of server CPU time: 1 / server CPU per call. */
    static double perServerCpuSecond(JmhRecord r) {
        double ns = r.secondaryScore("·server.cpu");
        return ns > 0 ? 1e9 / ns : Double.NaN;
    }

    /** Share of the load generator's CPUs in use: client CPU per call x calls/s / its CPUs. */
    static double clientBusy(JmhRecord r) {
        double cpus = r.secondaryScore("·client.cpus");
        return r.secondaryScore("·client.cpu") * r.primary().score() / 1e9 / (cpus > 0 ? cpus : Double.NaN);
    }

    /** ok, or why the figure is not the load asked for (or may be the generator's limit). */
    static String verdict(JmhRecord r) {
        List<String> problems = new ArrayList<>();
        if (r.secondaryScore("·failedCalls") > 0) {
            problems.add("calls failed");
        }
        if (!r.shortName().startsWith("CapacityBenchmark")
                && r.secondaryScore("·rate.achieved") < SUSTAINED * r.secondaryScore("·rate.offered")) {
            problems.add("fell behind");
        }
        if (r.secondaryScore("·sendLag.p99") > LATE_SEND_US) {
            problems.add("generator sent late");
        }
        if (clientBusy(r) >= CLIENT_BUSY) {
            problems.add("client CPUs busy");
        }
        return problems.isEmpty() ? "ok" : String.join(", ", problems);
    }

    private static String percent(double share) {
        return Double.isFinite(share) ? Math.round(share * 100) + "%" : "-";
    }

    /** Transports in the jar's order, then connections and rate by value (percentages after rates). */
    private static List<JmhRecord> sorted(List<JmhRecord> records) {
        List<String> order = Transports.names();
        return records.stream().sorted(Comparator
                .comparingInt((JmhRecord r) -> order.indexOf(r.transport()) < 0 ? order.size() : order.indexOf(r.transport()))
                .thenComparingDouble(r -> number(r.params().get("connections")))
                .thenComparingDouble(r -> rateOrder(r.params().get("rate")))).toList();
    }

    private static double rateOrder(String rate) {
        if (rate == null) {
            return 0;
        }
        return rate.endsWith("%") ? 1e12 + number(rate.substring(0, rate.length() - 1)) : number(rate);
    }

    private static double number(String text) {
        try {
            return text == null ? 0 : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<List<String>> rows(List<JmhRecord> records, Map<String, Function<JmhRecord, String>> columns) {
        return records.stream().map(r -> columns.values().stream().map(f -> f.apply(r)).toList()).toList();
    }
}
