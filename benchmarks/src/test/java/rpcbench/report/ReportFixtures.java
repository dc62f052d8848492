package rpcbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import rpcbench.cli.InProcess;

/** Fixture files copied into a test's folder, and the report command run with its output caught. */
final class ReportFixtures {


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
    static InProcess.Outcome report(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "report";
        System.arraycopy(args, 0, command, 1, args.length);
        return InProcess.run(command);
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
