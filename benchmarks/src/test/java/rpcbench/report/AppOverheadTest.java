package rpcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rpcbench.report.ReportFixtures.copy;
import static rpcbench.report.ReportFixtures.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rpcbench.cli.InProcess;

/**
 * The application-overhead table on the real smoke result of examples/inventory (its two calls and the bare
 * simple call, each over grpc and http): one row per call and transport, set beside the bare call of the same
 * transport, and a '-' where the results hold no bare call.
 */
class AppOverheadTest {

    private static final String TITLE = "Application overhead placement=separate, 1 thread";

    @TempDir
    Path dir;

    @Test
    void eachCallSitsBesideTheBareCallOfItsTransport() throws Exception {
        Path result = copy(dir, "inventory-smoke.json");
        List<JmhRecord> records = JmhResults.read(result);
        List<Table> tables = AppOverhead.tables(records);
        assertEquals(1, tables.size());
        Table t = tables.get(0);
        assertEquals(TITLE, t.title());
        assertEquals(4, t.rows().size(), t.text());
        for (List<String> row : t.rows()) {
            JmhRecord app = records.stream().filter(r -> r.shortName().equals(row.get(0)) && r.transport().equals(row.get(1)))
                    .findFirst().orElseThrow();
            JmhRecord bare = AppOverhead.bare(app, records);
            assertEquals("rpcbench.bench.SimpleCallBenchmark.simpleCallLatency", bare.benchmark());
            assertEquals(app.transport(), bare.transport());
            assertEquals(Numbers.format(app.primary().score() / bare.primary().score()), row.get(t.columns().indexOf("x bare")));
            assertEquals(Numbers.format(app.primary().score() - bare.primary().score()), row.get(t.columns().indexOf("added")));
        }
        // the bare calls are the baseline, not application calls
        assertTrue(records.stream().filter(AppOverhead::isAppCall).allMatch(r -> r.benchmark().startsWith("com.example.")));
        assertTrue(t.columns().containsAll(List.of("server CPU ns/op / bare", "client CPU ns/op / bare", "p99 / bare p99")));
    }

    @Test
    void withoutABareCallTheRowSaysSoAndTheReportIsStillWritten() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ArrayNode all = (ArrayNode) json.readTree(ReportFixtures.fixture("inventory-smoke.json").toFile());
        ArrayNode withoutBareHttp = json.createArrayNode();
        all.forEach(r -> {
            boolean bareHttp = r.path("benchmark").asText().endsWith("simpleCallLatency")
                    && r.path("params").path("transport").asText().equals("http");
            if (!bareHttp) {
                withoutBareHttp.add(r);
            }
        });
        Path result = dir.resolve("no-bare-http.json");
        Files.writeString(result, json.writeValueAsString(withoutBareHttp));

        InProcess.Outcome o = report(result.toString());
        assertEquals(0, o.exitCode(), o.err());
        String table = ReportCommandTest.section(o.out(), TITLE);
        String httpLookup = table.lines().filter(l -> l.startsWith("  InventoryBenchmark.lookupLatency") && l.contains(" http "))
                .findFirst().orElseThrow();
        assertTrue(httpLookup.matches(".* http +[0-9.]+ ± [0-9.]+ +- +- +- .*"), httpLookup);
        String grpcLookup = table.lines().filter(l -> l.startsWith("  InventoryBenchmark.lookupLatency") && l.contains(" grpc "))
                .findFirst().orElseThrow();
        assertFalse(grpcLookup.matches(".* grpc +[0-9.]+ ± [0-9.]+ +- .*"), grpcLookup);
        assertTrue(Files.readString(dir.resolve("no-bare-http-report/report.md")).toLowerCase(Locale.ROOT)
                .contains("### application overhead"));
    }

    @Test
    void rpcBenchsOwnResultsHaveNoOverheadTable() throws Exception {
        assertTrue(AppOverhead.tables(JmhResults.read(copy(dir, "smoke-all.json"))).isEmpty());
    }
}
