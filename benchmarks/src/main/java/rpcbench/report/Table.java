package rpcbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One table of a report, rendered the same way to the console, to Markdown and to HTML so the three
 * outputs always say the same thing.
 *
 * @param title   what the rows are, e.g. "PayloadBenchmark.echo size=1024, 1 thread"
 * @param note    how to read it (unit, better direction); may be empty
 * @param columns column headers
 * @param rows    cells, as many per row as there are columns
 */
record Table(String title, String note, List<String> columns, List<List<String>> rows) {

    /** Fixed-width text for the console. */
    String text() {
        int[] width = new int[columns.size()];
        for (List<String> row : withHeader()) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder(title).append(note.isEmpty() ? "" : "  (" + note + ")").append('\n');
        for (List<String> row : withHeader()) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < width.length; i++) {
                // first column left-aligned (names), the others right-aligned (numbers)
                String cell = row.get(i);
                line.append(i == 0 ? cell + " ".repeat(width[i] - cell.length())
                        : " ".repeat(width[i] - cell.length()) + cell).append("  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** A GitHub-flavoured Markdown table under a level-3 heading. */
    String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        if (!note.isEmpty()) {
            out.append('_').append(note).append("_\n\n");
        }
        out.append(mdRow(columns));
        out.append(mdRow(columns.stream().map(c -> "---").toList()));
        rows.forEach(r -> out.append(mdRow(r)));
        return out.append('\n').toString();
    }

    /** An HTML table with a caption; cells escaped. */
    String html() {
        StringBuilder out = new StringBuilder("<div class=\"wide\"><table>\n<caption>").append(Html.escape(title));
        if (!note.isEmpty()) {
            out.append(" <small>(").append(Html.escape(note)).append(")</small>");
        }
        out.append("</caption>\n<tr>");
        columns.forEach(c -> out.append("<th>").append(Html.escape(c)).append("</th>"));
        out.append("</tr>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(c -> out.append("<td>").append(Html.escape(c)).append("</td>"));
            out.append("</tr>\n");
        }
        return out.append("</table></div>\n").toString();
    }

    private List<List<String>> withHeader() {
        List<List<String>> all = new ArrayList<>();
        all.add(columns);
        all.addAll(rows);
        return all;
    }

    private static String mdRow(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }
}
