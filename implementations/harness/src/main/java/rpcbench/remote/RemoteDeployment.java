package rpcbench.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import rpcbench.os.Commands;
import rpcbench.os.ConsoleText;
import rpcbench.server.ServerMain;

/**
 * Puts this JVM's benchmarks.jar on a {@link RemoteHost}: one ssh call checks the host (its java is
 * 17 or later, the folder, the SHA-256 of the copy already there), and scp copies the jar only when
 * no copy with the same checksum is there (a cached deployment: later runs, and each JMH fork, find
 * it and copy nothing). The copy is {@code DIR/benchmarks-<first 16 hex digits of its SHA-256>.jar},
 * written aside and moved into place once its checksum there is right, so that a run never starts a
 * half-copied jar and runs of other builds keep theirs. Once per JVM and host.
 */
public final class RemoteDeployment {

    /**
     * A host ready to start servers.
     *
     * @param host    the host
     * @param jar     the absolute path of the copied jar there
     * @param address the host's address as this machine reaches it (what its servers bind)
     */
    public record Deployed(RemoteHost host, String jar, String address) {
    }

    private static final Map<RemoteHost, Deployed> DONE = new ConcurrentHashMap<>();
    private static final long CHECK_SECONDS = 60;
    private static final long COPY_SECONDS = 900;

    private RemoteDeployment() {
    }

    /**
     * The host with this JVM's jar on it, copied there if needed (once per JVM).
     *
     * @throws RemoteFailure in one line: the jar is not a jar, the host does not resolve, is
     *                       unreachable, refuses the key, has no Java 17+, or the copy failed
     */
    public static Deployed ensure(RemoteHost host) throws RemoteFailure {
        Deployed done = DONE.get(host);
        if (done != null) {
            return done;
        }
        synchronized (DONE) {
            done = DONE.get(host);
            if (done == null) {
                done = deploy(host, Commands.system(CHECK_SECONDS), Commands.system(COPY_SECONDS));
                DONE.put(host, done);
            }
            return done;
        }
    }

    private static Deployed deploy(RemoteHost host, Commands check, Commands copy) throws RemoteFailure {
        Path jar = localJar();
        String sha = sha256(jar);
        String address = address(host, check);
        String name = "benchmarks-" + sha.substring(0, 16) + ".jar";
        RemoteCheck there = RemoteCheck.run(host, name, check);
        String remoteJar = there.dir() + "/" + name;
        if (sha.equals(there.sha())) {
            System.out.println("# rpc-bench: remote host " + host + ": " + remoteJar + " is this benchmarks.jar (same"
                    + " SHA-256): not copied; java there: " + there.javaVersion());
            return new Deployed(host, remoteJar, address);
        }
        long start = System.nanoTime();
        String partial = there.dir() + "/." + name + "." + ProcessHandle.current().pid() + ".partial";
        RemoteCheck.ok(host, "copying " + jar + " there", run(copy, Ssh.copy(host, jar, partial)));
        String move = "sh -c " + Ssh.quote(moveScript(partial, remoteJar, sha));
        RemoteCheck.ok(host, "moving the copied jar into place", run(check, Ssh.run(host, move)));
        System.out.printf("# rpc-bench: remote host %s: copied benchmarks.jar (%.1f MB) to %s in %.1f s; java there: %s%n",
                host, size(jar) / 1e6, remoteJar, (System.nanoTime() - start) / 1e9, there.javaVersion());
        return new Deployed(host, remoteJar, address);
    }

    /**
     * A script for {@code sh}: moves the copy {@code partial} to {@code jar} when its SHA-256 is
     * {@code sha}, else deletes it and fails saying so (exit code 1).
     */
    static String moveScript(String partial, String jar, String sha) {
        String p = Ssh.quote(partial);
        return "[ \"$( (sha256sum " + p + " || shasum -a 256 " + p + ") 2>/dev/null | cut -d ' ' -f 1)\" = " + sha
                + " ] && mv -f " + p + " " + Ssh.quote(jar) + " || { rm -f " + p + "; echo 'the copy there has"
                + " another SHA-256 than this benchmarks.jar' >&2; exit 1; }";
    }

    /** The jar this JVM runs from: the one a remote server gets. */
    static Path localJar() throws RemoteFailure {
        Path where;
        try {
            where = Path.of(ServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new RemoteFailure("remote servers need benchmarks.jar, and the class path here does not say where"
                    + " it is (" + e + ")");
        }
        if (!Files.isRegularFile(where) || !where.toString().endsWith(".jar")) {
            throw new RemoteFailure("remote servers need benchmarks.jar, but this JVM runs from " + where
                    + ": run java -jar benchmarks/target/benchmarks.jar (./mvnw package builds it)");
        }
        return where;
    }

    /** The address this machine reaches the host at: ssh's own host name for it ({@code ssh -G}), resolved here. */
    static String address(RemoteHost host, Commands commands) throws RemoteFailure {
        Commands.Result config = run(commands, Ssh.configuration(host));
        if (!config.ok()) {
            throw new RemoteFailure("remote host " + host + ": ssh -G cannot read its configuration ("
                    + config.firstErrorLine() + ")");
        }
        String hostName = hostName(ConsoleText.ofTool(config.out()), host);
        try {
            return InetAddress.getByName(hostName).getHostAddress();
        } catch (UnknownHostException e) {
            throw new RemoteFailure("remote host " + host + ": its name does not resolve here (" + hostName + ")");
        }
    }

    /** The {@code hostname} line of {@code ssh -G}'s output (the target's host part when it has none). */
    static String hostName(String sshConfig, RemoteHost host) {
        for (String line : sshConfig.lines().toList()) {
            if (line.startsWith("hostname ")) {
                return line.substring("hostname ".length()).trim();
            }
        }
        return host.target().substring(host.target().indexOf('@') + 1);
    }

    static Commands.Result run(Commands commands, List<String> command) throws RemoteFailure {
        try {
            return commands.run(command);
        } catch (IOException e) {
            throw new RemoteFailure("remote servers need the system's " + command.get(0) + " (OpenSSH client), which"
                    + " cannot be run here: " + e.getMessage());
        }
    }

    /** The SHA-256 of a file in hex, lower case (as sha256sum prints it). */
    static String sha256(Path file) throws RemoteFailure {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new RemoteFailure("cannot read " + file + " to copy it to the remote host: " + e.getMessage());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
