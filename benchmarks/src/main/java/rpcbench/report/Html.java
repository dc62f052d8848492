package rpcbench.report;

import java.util.Base64;

/**
 * The report as one self-contained HTML page: styles inline and charts as base64 data URLs, so it
 * opens offline by double-click with no network, no CDN and no script.
 */
final class Html {

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0 2em; }
            .wide { overflow-x: auto; }
            caption { text-align: left; font-weight: bold; padding: 0.3em 0; white-space: nowrap; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; white-space: nowrap; }
            th:first-child, td:first-child { text-align: left; }
            th { background: #f3f3f3; }
            .warning { color: #a40; }
            img { display: block; max-width: 100%; margin: 1em 0; border: 1px solid #eee; }
            """;

    private Html() {
    }

    static String page(Report report) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>rpc-bench report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>rpc-bench report</h1>\n<p>From ")
                .append(escape(String.join(", ", report.results().stream().map(Object::toString).toList())))
                .append(".</p>\n");
        report.notes().forEach(n -> out.append("<p>note: ").append(escape(n)).append("</p>\n"));
        if (report.comparison() != null) {
            out.append("<h2>Against the baseline</h2>\n");
            report.warnings().forEach(w -> out.append("<p class=\"warning\">warning: ").append(escape(w)).append("</p>\n"));
            out.append(report.comparison().html());
        }
        out.append("<h2>Results</h2>\n");
        report.tables().forEach(t -> out.append(t.html()));
        if (!report.charts().isEmpty()) {
            out.append("<h2>Charts</h2>\n");
        }
        for (Charts.Png c : report.charts()) {
            out.append("<img alt=\"").append(escape(c.title())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(c.bytes())).append("\">\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
