package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import rpcbench.bench.Workload;
import rpcbench.cli.InProcess.Outcome;

/**
 * The docs' tables of settings, of benchmarks and of server modes are the ones the code prints
 * ({@code settings}, {@code catalogue}, {@code catalogue --server-modes}), so that each default,
 * each benchmark and each mode is stated in one place: regenerate the table when this fails.
 */
class DocsAgreeTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void theConfigurationPagesTableIsTheSettingsCommandsOutput() throws Exception {
        Outcome o = InProcess.run("settings");
        String page = Files.readString(DOCS.resolve("configuration.md"));
        assertTrue(page.contains(o.out().strip()), "docs/configuration.md's table differs from `benchmarks.jar settings`:\n"
                + o.out());
    }

    @Test
    void theSystemsPagesServerModesAreTheTransportsOwn() throws Exception {
        Outcome o = InProcess.run("catalogue", "--server-modes");
        String page = Files.readString(DOCS.resolve("systems.md"));
        assertTrue(page.contains(o.out().strip()), "docs/systems.md's server modes differ from `benchmarks.jar catalogue"
                + " --server-modes`:\n" + o.out());
    }

    @Test
    void theBenchmarksPagesTableIsTheCatalogue() throws Exception {
        String page = Files.readString(DOCS.resolve("benchmarks.md"));
        String table = Workload.markdownTable().strip();
        assertTrue(page.contains(table), "docs/benchmarks.md's table differs from `benchmarks.jar catalogue`:\n" + table);
    }
}
