package rpcbench.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Servers announce themselves: while it serves, each rpc-bench server keeps a file named after its
 * pid in a folder of the temporary folder, holding its start time and transport. {@code preflight}
 * finds servers by these files on every OS; it has to on Windows, where another process's command
 * line is not readable ({@code ProcessHandle.Info.commandLine()} is empty there and there is no
 * /proc). A file whose process is gone, or whose pid now belongs to a process that started at
 * another time, is a leftover of a killed server and is deleted when found.
 */
public final class ServerRegistry {

    /** One announced server. */
    public record Announced(long pid, String transport) {
    }

    private final Path folder;

    public ServerRegistry(Path folder) {
        this.folder = folder;
    }

    /** The folder of this user's servers: {@code <temp>/rpcbench-servers-<user>}. */
    public static ServerRegistry forThisUser() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return new ServerRegistry(Path.of(System.getProperty("java.io.tmpdir"), "rpcbench-servers-" + user));
    }

    public Path folder() {
        return folder;
    }

    /**
     * Announces this process as a server of {@code transport} until the JVM exits (or until the
     * returned handle is closed). Never fails: a server that cannot write the file still serves.
     */
    public AutoCloseable announce(String transport) {
        ProcessHandle self = ProcessHandle.current();
        Path file = folder.resolve(self.pid() + ".server");
        try {
            Files.createDirectories(folder);
            Properties p = new Properties();
            p.setProperty("pid", Long.toString(self.pid()));
            p.setProperty("start", self.info().startInstant().map(Instant::toString).orElse(""));
            p.setProperty("transport", transport);
            // Written aside, then moved: a reader never sees half a file (which it would take for a leftover).
            Path partial = Files.createTempFile(folder, self.pid() + ".", ".partial");
            try (var out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                p.store(out, "an rpc-bench server (see ServerRegistry)");
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            file.toFile().deleteOnExit();
        } catch (IOException | RuntimeException e) {
            System.err.println("server: cannot announce this server in " + folder + " (" + e + "); preflight on"
                    + " Windows will not see it");
        }
        return () -> Files.deleteIfExists(file);
    }

    /** The announced servers that are still running; leftovers of killed ones are deleted. */
    public List<Announced> alive() {
        List<Announced> alive = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.server")) {
            for (Path file : files) {
                Optional<Announced> server = read(file);
                if (server.isPresent()) {
                    alive.add(server.get());
                } else {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no folder (no server ever ran here) or unreadable: nothing announced
        }
        alive.sort((a, b) -> Long.compare(a.pid(), b.pid()));
        return alive;
    }

    /** The server a file announces, if that very process is still running. */
    private static Optional<Announced> read(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            long pid = Long.parseLong(p.getProperty("pid", ""));
            String start = p.getProperty("start", "");
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> start.isEmpty() || h.info().startInstant().map(Instant::toString).orElse(start).equals(start))
                    .map(h -> new Announced(pid, p.getProperty("transport", "?")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // half-written or foreign: treated as a leftover
        }
    }
}
