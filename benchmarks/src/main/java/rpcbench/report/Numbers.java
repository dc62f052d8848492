package rpcbench.report;

import java.util.Locale;

/** Number formatting and unit conversion shared by every table and chart of a report. */
final class Numbers {

    private Numbers() {
    }

    /** Three significant digits or so, no exponent; "-" for a value not measured. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 || a == 0 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** A count (calls, failures): whole numbers; "-" for a value not measured. */
    static String count(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : "-";
    }

    /** Score with its 99.9% error when JMH gave one: "12.3 ± 0.45". */
    static String withError(JmhRecord.Metric m) {
        return m.hasError() ? format(m.score()) + " ± " + format(m.error()) : format(m.score());
    }

    /** Seconds per operation for a time unit (ns/op .. s/op), or NaN for other units. */
    static double secondsPerOp(JmhRecord.Metric m) {
        double perSecond = perSecond(m.unit().replace("/op", ""));
        return m.unit().endsWith("/op") && Double.isFinite(perSecond) ? m.score() / perSecond : Double.NaN;
    }

    /** Operations per second for a throughput unit (ops/ns .. ops/s, ops/min), or NaN for other units. */
    static double opsPerSecond(JmhRecord.Metric m) {
        if (!m.unit().startsWith("ops/")) {
            return Double.NaN;
        }
        return m.score() * perSecond(m.unit().substring(4));
    }

    /** How many of this time unit make one second. */
    private static double perSecond(String unit) {
        return switch (unit) {
            case "ns" -> 1e9;
            case "us" -> 1e6;
            case "ms" -> 1e3;
            case "s" -> 1;
            case "min" -> 1 / 60.0;
            default -> Double.NaN;
        };
    }
}
