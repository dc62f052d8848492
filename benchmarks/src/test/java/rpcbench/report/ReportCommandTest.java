package rpcbench.report;

import rpcbench.cli.InProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rpcbench.report.ReportFixtures.copy;
import static rpcbench.report.ReportFixtures.listing;
import static rpcbench.report.ReportFixtures.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report command on real results of this project, merged files, and another project's JMH output. */
class ReportCommandTest {

    private static final List<String> TRANSPORTS = List.of("tcp", "rmi", "zeromq", "grpc", "http", "websocket");

    @TempDir
    Path dir;

    @Test
    void allTransportsSideBySideWithWireBytesCostsAndCharts() throws Exception {
        Path result = copy(dir, "smoke-all.json", "smoke-all-wire.json");
        InProcess.Outcome o = report(result.toString());
        assertEquals(0, o.exitCode(), o.err());
        assertEquals("", o.err());

        String simpleCall = section(o.out(), "SimpleCallBenchmark.simpleCallLatency, 1 thread");
        for (String column : List.of("p50", "p99", "x fastest", "x tcp", "wire B/op up / down", "server CPU ns/op",
                "client CPU ns/op", "client alloc B/op", "calls", "failed")) {
            assertTrue(simpleCall.contains(column), column + " missing in\n" + simpleCall);
        }
        TRANSPORTS.forEach(t -> assertTrue(simpleCall.contains("\n  " + t + " "), t + " missing in\n" + simpleCall));
        // tcp's simple call is 9 bytes each way (length, kind, int), and tcp is its own floor
        assertTrue(simpleCall.matches("(?s).*\n  tcp .* 1\\.00 +9\\.00 / 9\\.00 .*"), simpleCall);
        // MB/s: an echo moves 2 x size per 283 us, an upload size per 77.4 us
        assertTrue(section(o.out(), "PayloadBenchmark.echo size=102400, 1 thread").matches("(?s).*MB/s.*\n  tcp +283 +724 .*"),
                section(o.out(), "PayloadBenchmark.echo size=102400, 1 thread"));
        assertTrue(section(o.out(), "BandwidthBenchmark.upload size=102400, 1 thread").matches("(?s).*\n  tcp +77.4 +1324 .*"),
                section(o.out(), "BandwidthBenchmark.upload size=102400, 1 thread"));
        assertTrue(section(o.out(), "StreamValuesBenchmark.streamValues count=1000").contains("values/s"));
        assertTrue(section(o.out(), "InFlightBenchmark.completedCall inFlight=128").contains("ops/s, higher is better"));

        Path out = dir.resolve("smoke-all-report");
        assertTrue(o.out().contains("report in " + out.resolve("report.html")), o.out());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("### SimpleCallBenchmark.simpleCallLatency, 1 thread"), md);
        assertTrue(md.contains("| transport | score | p50 | p99 |"), md);
        List<Path> pngs = pngs(out);
        for (String chart : List.of("percentiles-SimpleCallBenchmark.simpleCallLatency-1-thread.png",
                "time-PayloadBenchmark.echo.png", "rate-PayloadBenchmark.echo.png",
                "stream-rate-StreamValuesBenchmark.streamValues-count=1000-1-thread.png", "cpu-per-operation.png")) {
            assertTrue(pngs.contains(out.resolve("charts").resolve(chart)), chart + " missing: " + pngs);
            assertTrue(md.contains("](charts/" + chart + ")"), chart + " not linked from report.md");
        }
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertTrue(image != null && image.getWidth() == 900, png + " is not a 900 px wide PNG");
        }
        assertHtmlInlinesEveryChart(out, pngs.size());
    }

    @Test
    void clientSweepDrawsClientsAgainstThroughputAndP99() throws Exception {
        Path result = copy(dir, "clients-1-4.json", "clients-1-4-wire.json");
        InProcess.Outcome o = report(result.toString(), "--out", dir.resolve("sweep").toString());
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("SimpleCallBenchmark.simpleCallLatency, 1 thread"), o.out());
        assertTrue(o.out().contains("SimpleCallBenchmark.simpleCallLatency, 4 threads"), o.out());
        List<String> charts = pngs(dir.resolve("sweep")).stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(charts.contains("clients-throughput-SimpleCallBenchmark.simpleCallLatency.png"), charts.toString());
        assertTrue(charts.contains("clients-p99-SimpleCallBenchmark.simpleCallLatency.png"), charts.toString());
    }

    @Test
    void severalFilesMergeIntoOneReport() throws Exception {
        Path tcp = copy(dir, "smoke-tcp.json");
        Path sweep = copy(dir, "clients-1-4.json");
        InProcess.Outcome o = report(tcp.toString(), sweep.toString(), "--out", dir.resolve("both").toString());
        assertEquals(0, o.exitCode(), o.err());
        // smoke-tcp.json's tcp simple call is replaced by the sweep's, which is said once
        assertTrue(o.out().contains("note: " + sweep + " measures rpcbench.bench.SimpleCallBenchmark.simpleCallLatency"),
                o.out());
        String md = Files.readString(dir.resolve("both/report.md"));
        assertTrue(md.contains("### PayloadBenchmark.echo size=10485760, 1 thread"), "from smoke-tcp.json");
        assertTrue(md.contains("### SimpleCallBenchmark.simpleCallLatency, 4 threads"), "from the sweep");
    }

    @Test
    void anotherProjectsJmhOutputGetsGenericTables() throws Exception {
        Path other = copy(dir, "other-project.json");
        InProcess.Outcome o = report(other.toString());
        assertEquals(0, o.exitCode(), o.err());
        String hash = section(o.out(), "org.example.hash.HashBenchmark.murmur3");
        assertTrue(hash.contains("{length=16}") && hash.contains("{length=1024}") && hash.contains("213 ± 3.10"), hash);
        String queue = section(o.out(), "org.example.queue.QueueBenchmark.offerPoll");
        assertTrue(queue.contains("p99") && queue.contains("120"), queue);
        assertHtmlInlinesEveryChart(dir.resolve("other-project-report"), 0);
    }

    @Test
    void aReportReplacesTheOldOneWhole() throws Exception {
        Path result = copy(dir, "smoke-tcp.json");
        Path out = dir.resolve("smoke-tcp-report");
        Files.createDirectories(out.resolve("charts"));
        Files.writeString(out.resolve("charts/stale.png"), "from an older report");
        assertEquals(0, report(result.toString()).exitCode());
        assertFalse(Files.exists(out.resolve("charts/stale.png")), listing(dir));
        assertTrue(Files.exists(out.resolve("report.html")));
        assertEquals(List.of("smoke-tcp-report", "smoke-tcp.json"), topLevel(), "no temporary folder left");
    }

    private List<String> topLevel() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The HTML holds every chart as a PNG data URL that decodes, and loads nothing from elsewhere. */
    static void assertHtmlInlinesEveryChart(Path out, int charts) throws Exception {
        String html = Files.readString(out.resolve("report.html"));
        Matcher img = Pattern.compile("<img [^>]*src=\"([^\"]*)\"").matcher(html);
        int found = 0;
        while (img.find()) {
            String src = img.group(1);
            assertTrue(src.startsWith("data:image/png;base64,"), "not inline: " + src.substring(0, 40));
            byte[] png = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
            assertTrue(ImageIO.read(new ByteArrayInputStream(png)) != null, "an inline chart does not decode");
            found++;
        }
        assertEquals(charts, found, "charts inlined in report.html");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"),
                "report.html must open offline");
    }

    static List<Path> pngs(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out.resolve("charts"))) {
            return files.sorted().toList();
        }
    }

    /** The console table whose title starts with {@code title}, up to the blank line after it. */
    static String section(String out, String title) {
        int start = out.indexOf("\n" + title);
        assertTrue(start >= 0, "no table " + title + " in\n" + out);
        int end = out.indexOf("\n\n", start + 1);
        return out.substring(start + 1, end < 0 ? out.length() : end);
    }
}
