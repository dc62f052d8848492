package rpcbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import rpcbench.bench.ServerFixture;

/** Reads JMH's JSON result format ({@code -rf json}) into {@link JmhRecord}s. */
public final class JmhResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhResults() {
    }

    /** The records of one file; throws with a one-line reason when the file is not usable JMH output. */
    public static List<JmhRecord> read(Path file) throws BadResultFile {
        JsonNode root = readJson(file);
        if (root == null || !root.isArray()) {
            throw new BadResultFile(file + ": not JMH JSON output (expected a list of benchmark results)");
        }
        if (root.isEmpty()) {
            throw new BadResultFile(file + ": holds no benchmark results");
        }
        List<JmhRecord> records = new ArrayList<>();
        for (JsonNode node : root) {
            if (node.path("benchmark").asText("").isEmpty() || !node.path("primaryMetric").isObject()) {
                throw new BadResultFile(file + ": not JMH JSON output (a record lacks benchmark or primaryMetric)");
            }
            records.add(record(node));
        }
        return records;
    }

    /** Any JSON file (also env.json and NAME-wire.json), with a one-line reason when unreadable. */
    static JsonNode readJson(Path file) throws BadResultFile {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new BadResultFile(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new BadResultFile(file + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadResultFile(file + ": cannot be read (" + e + ")");
        }
    }

    private static JmhRecord record(JsonNode node) {
        TreeMap<String, String> params = new TreeMap<>();
        node.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        // A parameter added later, at the value every earlier result ran with, reads as absent: a
        // default run compares with older runs, and tables do not repeat work=0 on every row.
        ServerFixture.dropLaterAtDefault(params);
        JsonNode primary = node.path("primaryMetric");
        TreeMap<Double, Double> percentiles = new TreeMap<>();
        if (node.path("mode").asText().equals("sample")) {
            primary.path("scorePercentiles").fields().forEachRemaining(
                    e -> percentiles.put(Double.parseDouble(e.getKey()), number(e.getValue())));
        }
        Map<String, JmhRecord.Metric> secondary = new LinkedHashMap<>();
        node.path("secondaryMetrics").fields().forEachRemaining(e -> secondary.put(e.getKey(), metric(e.getValue())));
        return new JmhRecord(node.path("benchmark").asText(), node.path("mode").asText(""),
                node.path("threads").asInt(1), node.path("forks").asInt(0), Collections.unmodifiableSortedMap(params),
                metric(primary), Collections.unmodifiableSortedMap(percentiles), Collections.unmodifiableMap(secondary),
                node.path("jmhVersion").asText(""), node.path("jvm").asText(""), node.path("jdkVersion").asText(""),
                node.path("vmVersion").asText(""), settings(node));
    }

    private static String settings(JsonNode n) {
        return n.path("forks").asInt() + " fork(s), warmup " + n.path("warmupIterations").asInt() + " x "
                + n.path("warmupTime").asText("?") + ", measurement " + n.path("measurementIterations").asInt() + " x "
                + n.path("measurementTime").asText("?");
    }

    private static JmhRecord.Metric metric(JsonNode m) {
        TreeMap<Double, Double> percentiles = new TreeMap<>();
        m.path("scorePercentiles").fields().forEachRemaining(
                e -> percentiles.put(Double.parseDouble(e.getKey()), number(e.getValue())));
        return new JmhRecord.Metric(number(m.path("score")), number(m.path("scoreError")), m.path("scoreUnit").asText(""),
                Collections.unmodifiableSortedMap(percentiles));
    }

    /** JMH writes NaN as the string "NaN"; anything not a number reads as NaN. */
    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
