package rpcbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one report says, built once and then printed to the console and written as Markdown,
 * HTML and PNG: the side-by-side tables, the baseline comparison and its warnings, the charts.
 */
record Report(List<Path> results, List<String> notes, List<Table> tables, Table comparison, List<String> warnings,
              List<Charts.Png> charts) {

    /**
     * Reads and merges the result files (a record repeated in a later file replaces the earlier
     * one, with a note) and compares with the baseline files when there are any.
     */
    static Report build(List<Path> results, List<Path> baselines, double minChange) throws BadResultFile {
        List<String> notes = new ArrayList<>();
        List<JmhRecord> records = merged(results, notes);
        // Open-loop load results have tables and charts of their own: their score is the rate asked for.
        List<JmhRecord> load = records.stream().filter(JmhRecord::isOpenLoop).toList();
        Groups groups = Groups.of(records.stream().filter(r -> !r.isOpenLoop()).toList());
        Table comparison = null;
        List<String> warnings = List.of();
        if (!baselines.isEmpty()) {
            List<JmhRecord> before = merged(baselines, notes);
            comparison = Comparison.table(records, before, baselines, minChange);
            warnings = RunEnvironment.of(results, records).differences(RunEnvironment.of(baselines, before));
        }
        List<Table> tables = new ArrayList<>(SideBySide.tables(groups, WireBytes.besides(results)));
        tables.addAll(AppOverhead.tables(records));
        tables.addAll(LoadTables.tables(load));
        List<Charts.Png> charts = new ArrayList<>(Charts.draw(groups, notes));
        try {
            charts.addAll(LoadCharts.draw(load));
        } catch (RuntimeException e) {
            notes.add("a load chart was left out: " + e.getMessage());
        }
        return new Report(results, notes, tables, comparison, warnings, charts);
    }

    private static List<JmhRecord> merged(List<Path> files, List<String> notes) throws BadResultFile {
        Map<String, JmhRecord> byIdentity = new LinkedHashMap<>();
        for (Path file : files) {
            for (JmhRecord r : JmhResults.read(file)) {
                if (byIdentity.put(Groups.identity(r), r) != null) {
                    notes.add(file + " measures " + Groups.identity(r) + " again: the later result is shown");
                }
            }
        }
        return List.copyOf(byIdentity.values());
    }

    /** The console summary: comparison and warnings first (what changed), then the tables. */
    String text() {
        StringBuilder out = new StringBuilder();
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        if (comparison != null) {
            warnings.forEach(w -> out.append("warning: ").append(w).append('\n'));
            out.append('\n').append(comparison.text());
        }
        tables.forEach(t -> out.append('\n').append(t.text()));
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# rpc-bench report\n\nFrom ");
        out.append(String.join(", ", results.stream().map(p -> "`" + p + "`").toList())).append(".\n\n");
        notes.forEach(n -> out.append("- note: ").append(n).append('\n'));
        if (comparison != null) {
            out.append("## Against the baseline\n\n");
            warnings.forEach(w -> out.append("- **warning:** ").append(w).append('\n'));
            out.append('\n').append(comparison.markdown());
        }
        out.append("## Results\n\n");
        tables.forEach(t -> out.append(t.markdown()));
        if (!charts.isEmpty()) {
            out.append("## Charts\n\n");
            charts.forEach(c -> out.append("![").append(c.title()).append("](charts/").append(c.file()).append(")\n\n"));
        }
        return out.toString();
    }
}
