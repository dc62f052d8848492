package rpcbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import rpcbench.api.Transports;

/**
 * Turns one command line into the JMH runs that answer it, whose JSON results {@link Main} merges
 * into the one result file:
 * <ul>
 * <li>one run per client count of {@code --clients 1,4,16} (JMH's {@code -t} per run: each thread
 * is a client with its own connection), so a sweep lands in one file with "threads" per record;
 * <li>{@link InFlightBenchmark} only over transports with a native async API: the others are left
 * out of the run and their reasons printed, instead of failing the run or faking it.
 * </ul>
 */
final class RunPlan {

    static final String CLIENTS = "--clients";
    static final int MAX_CLIENTS = 1024;
    private static final String IN_FLIGHT = InFlightBenchmark.class.getName() + "\\.";

    /** rpc-bench's own options taken off the command line; the rest is JMH's. */
    record Args(List<Integer> clients, String[] jmh) {
    }

    /** One JMH run and the temporary JSON file it writes. */
    record Run(Options options, Path json) {
    }

    private RunPlan() {
    }

    static Args parse(String[] args) {
        List<String> jmh = new ArrayList<>(Arrays.asList(args));
        int at = jmh.indexOf(CLIENTS);
        if (at < 0) {
            return new Args(List.of(), args);
        }
        if (at + 1 >= jmh.size()) {
            throw new IllegalArgumentException(CLIENTS + " needs a list of client counts, for example 1,4,16,64,128");
        }
        List<Integer> clients = new ArrayList<>();
        for (String word : jmh.get(at + 1).split(",")) {
            try {
                int n = Integer.parseInt(word.trim());
                if (n >= 1 && n <= MAX_CLIENTS) {
                    clients.add(n);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(CLIENTS + ": '" + word + "' is not a client count in 1.." + MAX_CLIENTS);
        }
        jmh.subList(at, at + 2).clear();
        return new Args(List.copyOf(clients), jmh.toArray(String[]::new));
    }

    /** Transports that cannot keep calls in flight, with the reason each gives. */
    static Map<String, String> withoutAsyncCalls(Iterable<String> transports) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String t : transports) {
            String why = Transports.byName(t).whyNoAsyncCalls();
            if (why != null) {
                reasons.put(t, why);
            }
        }
        return reasons;
    }

    /**
     * The runs for {@code base} (JMH's options with rpc-bench's defaults). A single plain run keeps
     * JMH's own result writing; otherwise each run writes JSON into {@code scratch}.
     */
    static List<Run> runs(Options base, List<Integer> clients, Path scratch) throws IOException {
        List<String> transports = List.copyOf(base.getParameter("transport").get());
        Map<String, String> noAsync = withoutAsyncCalls(transports);
        SortedSet<String> selected = CheckCommand.benchmarks(base.getIncludes(), base.getExcludes());
        boolean inFlight = selected.stream().anyMatch(b -> b.startsWith(InFlightBenchmark.class.getName()));
        boolean others = selected.stream().anyMatch(b -> !b.startsWith(InFlightBenchmark.class.getName()));
        List<String> asyncTransports = transports.stream().filter(t -> !noAsync.containsKey(t)).toList();
        boolean split = inFlight && !noAsync.isEmpty();
        if (split) {
            noAsync.forEach((t, why) -> System.out.println("# rpc-bench: InFlightBenchmark leaves out " + t + ": " + why));
        }
        List<Integer> counts = clients.isEmpty() ? Arrays.asList((Integer) null) : clients;
        List<Run> runs = new ArrayList<>();
        for (Integer n : counts) {
            if (!split || others) {
                ChainedOptionsBuilder b = new OptionsBuilder().parent(base);
                if (split) {
                    b.exclude(IN_FLIGHT);
                }
                runs.add(run(b, n, scratch, runs.size()));
            }
            if (split && !asyncTransports.isEmpty()) {
                ChainedOptionsBuilder b = new OptionsBuilder().parent(base)
                        .exclude("^(?!" + IN_FLIGHT + ")")
                        .param("transport", asyncTransports.toArray(String[]::new));
                runs.add(run(b, n, scratch, runs.size()));
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("InFlightBenchmark: none of " + transports
                    + " can keep calls in flight (reasons above)");
        }
        return runs;
    }

    /**
     * Concatenates the runs' JSON arrays into {@code target} (written whole, then moved into place,
     * so a reader never sees half a file). A run that wrote nothing (it failed first) adds nothing.
     */
    static int merge(List<Run> runs, Path target) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode all = mapper.createArrayNode();
        for (Run r : runs) {
            if (Files.size(r.json()) > 0) {
                JsonNode records = mapper.readTree(r.json().toFile());
                if (records != null && records.isArray()) {
                    all.addAll((ArrayNode) records);
                }
            }
        }
        JsonFiles.write(all, target);
        return all.size();
    }

    private static Run run(ChainedOptionsBuilder b, Integer clients, Path scratch, int index) throws IOException {
        if (clients != null) {
            b.threads(clients);
        }
        Path json = Files.createTempFile(scratch, "run-" + index + "-", ".json");
        b.resultFormat(ResultFormatType.JSON).result(json.toString());
        return new Run(b.build(), json);
    }
}
