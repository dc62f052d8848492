package rpcbench.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Fixture files copied into a test's folder, and the report command run with its output caught. */
final class ReportFixtures {

    /** What one run of the command did. */
    record Outcome(int exitCode, String out, String err) {
    }

    private ReportFixtures() {
    }

    static Path fixture(String name) {
        try {
            return Path.of(ReportFixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies fixtures into {@code dir} (a result with its -wire.json, say); returns the first copy. */
    static Path copy(Path dir, String... names) throws IOException {
        Path first = null;
        for (String name : names) {
            Path copy = Files.copy(fixture(name), dir.resolve(name));
            first = first == null ? copy : first;
        }
        return first;
    }

    /** Runs {@code report args...} in this JVM with stdout and stderr caught. */
    static synchronized Outcome report(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = ReportCommand.run(args);
            return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Every file and folder under {@code dir}, relative to it, as text: to show what a run left. */
    static String listing(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return String.join("\n", all.map(p -> dir.relativize(p).toString()).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
