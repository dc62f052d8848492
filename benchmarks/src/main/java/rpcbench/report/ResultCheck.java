package rpcbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks that a JMH JSON result holds a finite score for every benchmark and every transport, with
 * as many parameter combinations per transport as the best-covered transport has. A benchmark
 * that failed for one transport leaves a hole there, which this finds; CI's smoke run uses it.
 */
public final class ResultCheck {

    /** A file that cannot be checked at all: missing, not JSON, not JMH output. */
    public static final class BadResultFile extends Exception {
        public BadResultFile(String message) {
            super(message);
        }
    }

    private ResultCheck() {
    }

    /**
     * Returns one line per hole; empty when every expected benchmark has a score for every transport.
     *
     * @param benchmarks fully qualified benchmark method names that must be present
     * @param transports transport names that must be present for each benchmark
     */
    public static List<String> holes(Path file, Collection<String> benchmarks, Collection<String> transports)
            throws BadResultFile {
        JsonNode root = read(file);
        // benchmark -> transport -> count of records with a finite score
        Map<String, Map<String, Integer>> scored = new TreeMap<>();
        for (JsonNode record : root) {
            String benchmark = record.path("benchmark").asText("");
            if (benchmark.isEmpty() || !record.has("primaryMetric")) {
                throw new BadResultFile(file + ": not JMH JSON output (a record lacks benchmark or primaryMetric)");
            }
            String transport = record.path("params").path("transport").asText("(none)");
            JsonNode score = record.path("primaryMetric").path("score");
            if (score.isNumber() && Double.isFinite(score.asDouble())) {
                scored.computeIfAbsent(benchmark, b -> new TreeMap<>()).merge(transport, 1, Integer::sum);
            }
        }
        List<String> holes = new ArrayList<>();
        SortedSet<String> expected = new TreeSet<>(benchmarks);
        expected.addAll(scored.keySet());
        for (String benchmark : expected) {
            Map<String, Integer> perTransport = scored.getOrDefault(benchmark, Map.of());
            int most = perTransport.values().stream().max(Integer::compare).orElse(1);
            for (String transport : transports) {
                int have = perTransport.getOrDefault(transport, 0);
                if (have < most) {
                    holes.add(benchmark + " over " + transport + ": " + have + " of " + most + " scores");
                }
            }
        }
        return holes;
    }

    /** One line per result whose ·failedCalls secondary metric (see CostProfiler) is above zero. */
    public static List<String> failedCalls(Path file) throws BadResultFile {
        List<String> lines = new ArrayList<>();
        for (JsonNode record : read(file)) {
            JsonNode failed = record.path("secondaryMetrics").path("·failedCalls").path("score");
            if (failed.isNumber() && failed.asDouble() > 0) {
                lines.add(record.path("benchmark").asText() + " " + record.path("params") + " with "
                        + record.path("threads").asInt() + " threads: " + failed.asLong() + " of "
                        + record.path("secondaryMetrics").path("·calls").path("score").asLong() + " calls failed");
            }
        }
        return lines;
    }

    private static JsonNode read(Path file) throws BadResultFile {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new BadResultFile(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new BadResultFile(file + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadResultFile(file + ": cannot be read (" + e + ")");
        }
        if (root == null || !root.isArray()) {
            throw new BadResultFile(file + ": not JMH JSON output (expected a list of benchmark results)");
        }
        if (root.isEmpty()) {
            throw new BadResultFile(file + ": holds no benchmark results");
        }
        return root;
    }
}
