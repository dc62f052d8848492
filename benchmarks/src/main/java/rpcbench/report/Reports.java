package rpcbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import rpcbench.files.AtomicFiles;

/**
 * The {@code report} of results: prints the summary and writes DIR/report.md, DIR/report.html and
 * DIR/charts/*.png (DIR defaults to
 * {@code NAME-report} beside the first result). Exit 0 when written, 2 on bad input (one line on
 * stderr naming the file and the problem, nothing written), 1 when the folder cannot be written.
 */
public final class Reports {

    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_WRITE_FAILED = 1;

    private Reports() {
    }

    /**
     * {@code NAME.json} -> {@code NAME<suffix>} in the same folder: where the files that belong to a
     * result go (its {@code -wire.json}, {@code -env.json}, {@code -report} folder).
     */
    public static Path besideResult(Path result, String suffix) {
        String name = result.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return result.toAbsolutePath().resolveSibling(base + suffix);
    }

    /** After a benchmark run: the report of its JSON, beside it. Returns the exit code. */
    public static int afterRun(Path result) {
        return report(List.of(result), List.of(), besideResult(result, "-report"));
    }

    /**
     * Prints the summary of {@code results} (compared with {@code baselines}, which may be empty)
     * and writes the report into {@code out}; returns the exit code.
     */
    public static int report(List<Path> results, List<Path> baselines, Path out) {
        return report(results, baselines, out, Comparison.MIN_CHANGE);
    }

    /** As above, with the smallest relative difference that counts as a change against the baseline. */
    public static int report(List<Path> results, List<Path> baselines, Path out, double minChange) {
        if (Files.isDirectory(out) && !holdsOnlyAReport(out)) {
            // An older report is replaced as a whole; anything else (a results folder with its
            // JSON and logs, say) must never be swept away with it.
            return badInput("report: " + out + " holds files that are not a report (only a folder with nothing"
                    + " but report.md, report.html and charts/ is replaced); give --out a new or a report folder");
        }
        Report report;
        try {
            report = Report.build(results, baselines, minChange);
        } catch (BadResultFile e) {
            return badInput("report: " + e.getMessage());
        }
        System.out.print(report.text());
        try {
            write(report, out.toAbsolutePath());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("report: cannot write " + out + ": " + e.getMessage());
            return EXIT_WRITE_FAILED;
        }
        System.out.println();
        System.out.println("# rpc-bench: report in " + out.resolve("report.html") + " (also report.md, "
                + report.charts().size() + " charts in " + out.resolve("charts") + ")");
        return 0;
    }

    /** Writes into a fresh folder beside {@code out}, then swaps it in: never a half-written report. */
    static void write(Report report, Path out) throws IOException {
        AtomicFiles.replaceFolder(out, folder -> {
            Files.writeString(folder.resolve("report.md"), report.markdown(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("report.html"), Html.page(report), StandardCharsets.UTF_8);
            Path charts = Files.createDirectory(folder.resolve("charts"));
            for (Charts.Png c : report.charts()) {
                Files.write(charts.resolve(c.file()), c.bytes());
            }
        });
    }

    /** True for an empty folder or one holding nothing but what {@link #write} puts there. */
    private static boolean holdsOnlyAReport(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .allMatch(name -> name.equals("report.md") || name.equals("report.html") || name.equals("charts"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int badInput(String line) {
        System.err.println(line);
        return EXIT_BAD_INPUT;
    }
}
