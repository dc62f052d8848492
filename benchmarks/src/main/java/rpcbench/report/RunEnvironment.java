package rpcbench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a run ran on, as far as its files tell: JDK, JMH and JMH's settings from the records, and,
 * when an environment file lies beside the result ({@code NAME-env.json} or {@code env.json}:
 * {"os", "cpu", "jdk", "versions": {framework: version}, "profile", "gitCommit"}), machine,
 * framework versions and profile. Two runs that differ here are not a fair comparison.
 */
record RunEnvironment(Map<String, String> facts, boolean hasEnvFile) {

    static RunEnvironment of(List<Path> files, List<JmhRecord> records) throws BadResultFile {
        Map<String, String> facts = new TreeMap<>();
        facts.put("JDK", join(records.stream().map(r -> r.jdkVersion() + " (" + r.vmVersion() + ")").toList()));
        facts.put("JMH", join(records.stream().map(JmhRecord::jmhVersion).toList()));
        facts.put("JMH settings", join(records.stream().map(JmhRecord::settings).toList()));
        boolean found = false;
        for (Path file : files) {
            Path env = envFile(file);
            if (env == null) {
                continue;
            }
            found = true;
            JsonNode root = JmhResults.readJson(env);
            put(facts, "machine (os)", root.path("os"));
            put(facts, "machine (cpu)", root.path("cpu"));
            put(facts, "JDK (env)", root.path("jdk"));
            put(facts, "profile", root.path("profile"));
            root.path("versions").fields().forEachRemaining(e -> put(facts, "version of " + e.getKey(), e.getValue()));
        }
        return new RunEnvironment(facts, found);
    }

    /** One line per fact that differs between the two runs, plus a note when one side has no env file. */
    List<String> differences(RunEnvironment baseline) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(facts.keySet());
        keys.addAll(baseline.facts.keySet());
        for (String key : keys) {
            String now = facts.getOrDefault(key, "(not recorded)");
            String before = baseline.facts.getOrDefault(key, "(not recorded)");
            if (!now.equals(before)) {
                lines.add(key + " differs: baseline " + before + ", candidate " + now);
            }
        }
        if (!hasEnvFile || !baseline.hasEnvFile) {
            lines.add("no environment file beside " + (hasEnvFile ? "the baseline" : baseline.hasEnvFile
                    ? "the results" : "either run") + ": machine, framework versions and profile were not compared");
        }
        return lines;
    }

    private static Path envFile(Path result) {
        for (Path candidate : List.of(Reports.besideResult(result, "-env.json"),
                result.toAbsolutePath().resolveSibling("env.json"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void put(Map<String, String> facts, String key, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull()) {
            facts.merge(key, value.isValueNode() ? value.asText() : value.toString(), (a, b) -> a.equals(b) ? a : a + "; " + b);
        }
    }

    private static String join(List<String> values) {
        return String.join("; ", new TreeSet<>(values));
    }
}
