package rpcbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import rpcbench.api.Transports;
import rpcbench.bench.Workload;
import rpcbench.files.AtomicFiles;

/**
 * Turns one command line into the JMH runs that answer it, whose JSON results {@link Main} merges
 * into the one result file:
 * <ul>
 * <li>one run per client count of {@code --clients 1,4,16} (JMH's {@code -t} per run: each thread
 * is a client with its own connection), so a sweep lands in one file with "threads" per record;
 * <li>a workload runs only over the transports that can run it ({@link Workload#whyNot}): the
 * selected workloads are grouped by the transports able to run them, one run per group, and the
 * reasons for those left out are printed, instead of failing the run or faking it.
 * </ul>
 */
final class RunPlan {

    static final int MAX_CLIENTS = 1024;

    /** One JMH run and the temporary JSON file it writes. */
    record Run(Options options, Path json) {
    }

    private RunPlan() {
    }

    /** The catalogue's workloads that JMH would run for these include/exclude patterns. */
    static List<Workload> selected(List<String> includes, List<String> excludes) {
        List<Workload> selected = new ArrayList<>();
        for (String name : matching(includes, excludes)) {
            Workload w = Workload.byBenchmark(name);
            if (w != null && !selected.contains(w)) {
                selected.add(w);
            }
        }
        return selected;
    }

    /**
     * The benchmarks of the jar outside the catalogue (a team's own, as in examples/inventory) that JMH
     * would run for these patterns: they run as JMH runs them, over the run's transports, in one run.
     */
    static List<String> own(List<String> includes, List<String> excludes) {
        return matching(includes, excludes).stream().filter(n -> Workload.byBenchmark(n) == null).distinct().toList();
    }

    private static List<String> matching(List<String> includes, List<String> excludes) {
        List<String> patterns = includes.isEmpty() ? List.of(".*") : includes;
        return BenchmarkList.defaultList()
                .find(OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), patterns, excludes)
                .stream().map(BenchmarkListEntry::getUsername).toList();
    }

    /** For each selected workload, the transports of {@code transports} that can run it, in order. */
    static Map<Workload, List<String>> transportsOf(List<Workload> workloads, List<String> transports) {
        Map<Workload, List<String>> able = new LinkedHashMap<>();
        for (Workload w : workloads) {
            able.put(w, transports.stream().filter(t -> w.whyNot(Transports.byName(t)) == null).toList());
        }
        return able;
    }

    /**
     * The runs for {@code base} (JMH's options with rpc-bench's defaults). A single plain run keeps
     * JMH's own result writing; otherwise each run writes JSON into {@code scratch}.
     */
    static List<Run> runs(Options base, List<Integer> clients, Path scratch) throws IOException {
        List<String> transports = List.copyOf(base.getParameter("transport").get());
        List<Workload> selected = selected(base.getIncludes(), base.getExcludes());
        List<String> own = own(base.getIncludes(), base.getExcludes());
        Map<Workload, List<String>> able = transportsOf(selected, transports);
        // Workloads that the same transports can run share a run.
        Map<List<String>, List<Workload>> groups = new LinkedHashMap<>();
        able.forEach((w, ts) -> {
            for (String t : transports) {
                if (!ts.contains(t)) {
                    System.out.println("# rpc-bench: " + w.shortName() + " leaves out " + t + ": "
                            + w.whyNot(Transports.byName(t)));
                }
            }
            if (!ts.isEmpty()) {
                groups.computeIfAbsent(ts, k -> new ArrayList<>()).add(w);
            }
        });
        if (!own.isEmpty()) {
            // The jar's own benchmarks run over every transport: in that group's run, or in one of their own.
            groups.putIfAbsent(transports, new ArrayList<>());
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("none of " + transports + " can run "
                    + selected.stream().map(Workload::shortName).toList() + " (reasons above)");
        }
        List<Integer> counts = clients.isEmpty() ? Arrays.asList((Integer) null) : clients;
        List<Run> runs = new ArrayList<>();
        for (Integer n : counts) {
            for (Map.Entry<List<String>, List<Workload>> group : groups.entrySet()) {
                ChainedOptionsBuilder b = new OptionsBuilder().parent(base);
                // JMH adds excludes to the parent's: leave out every selected workload not in this group.
                selected.stream().filter(w -> !group.getValue().contains(w))
                        .forEach(w -> b.exclude(w.exactPattern()));
                if (!group.getKey().equals(transports)) {
                    b.param("transport", group.getKey().toArray(String[]::new));
                    own.forEach(name -> b.exclude("^" + name.replace(".", "\\.") + "$"));
                }
                runs.add(run(b, n, scratch, runs.size()));
            }
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
        AtomicFiles.writeJson(all, target);
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
