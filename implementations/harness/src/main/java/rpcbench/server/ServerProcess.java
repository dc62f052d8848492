package rpcbench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;
import rpcbench.api.Setting;
import rpcbench.api.tls.Tls;
import rpcbench.os.Affinity;
import rpcbench.os.ConsoleText;
import rpcbench.os.CpuList;
import rpcbench.os.Os;
import rpcbench.remote.RemoteDeployment;
import rpcbench.remote.RemoteHost;
import rpcbench.remote.RemoteServers;

/**
 * A server of one transport running in its own JVM: started with this JVM's own java binary and
 * class path (no shell), waited for until it prints {@code READY <port>}, queried with
 * {@code STATS}, and stopped with {@code STOP}. Its stderr goes to a log file whose last lines are
 * part of every error about it.
 *
 * <p>No server outlives its launcher: {@link #close()} fails loudly if the process is still there,
 * a shutdown hook kills what is left on Ctrl-C, and the server exits by itself when its stdin
 * closes, which also covers a launcher killed with no chance to run hooks.
 *
 * <p>With {@link RemoteHost#HOST} set, the server runs on that host instead, through ssh
 * ({@link RemoteServers}): the same protocol over ssh's stdin and stdout, bound to the host's address.
 */
public final class ServerProcess implements AutoCloseable {

    /** Milliseconds to wait for {@code READY}. Default 30000 (a JVM start plus framework start). */
    public static final Setting<Integer> START_TIMEOUT_MS = Setting.positiveInt("rpcbench.server.start.timeout.ms",
            30_000, "how long to wait for a server's READY line");

    /** Folder for server logs (deleted after a clean stop, kept after a failure). Default: the JVM's temporary folder. */
    public static final Setting<String> LOG_DIR = Setting.text("rpcbench.server.logDir", "", "the temp folder",
            "where server logs go (deleted after a clean stop, kept after a failure)");

    /**
     * A server writes its log (stderr) and anything else in UTF-8 on every OS, so that its last lines
     * read back as they were written (JDK 17 reads the sun.* names, JDK 18 and later the others).
     */
    public static final List<String> UTF8_OUTPUT = List.of("-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
            "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8");
    /** How a server's line naming what its clients must trust starts ({@link rpcbench.api.RpcServer#clientTrust()}). */
    public static final String TRUST_LINE = "TRUST ";
    private static final String END_OF_OUTPUT = "\u0000EOF";
    private static final int LOG_TAIL_LINES = 25;
    private static final long STOP_WAIT_MILLIS = 10_000;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "rpcbench-server-reaper"));
    }

    private final ServerLaunch launch;
    private final Process process;
    private final Path log;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final Endpoint endpoint;
    private final RemoteDeployment.Deployed remote;
    private long remotePid = -1;
    private String trust;
    private boolean closed;

    private ServerProcess(ServerLaunch launch, Process process, Path log, int startTimeoutMillis,
                          RemoteDeployment.Deployed remote) throws IOException {
        this.launch = launch;
        this.process = process;
        this.log = log;
        this.remote = remote;
        Thread reader = new Thread(this::pumpOutput, "rpcbench-server-" + launch.transport() + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String host = remote == null ? connectHost(launch.bindAddress()) : remoteConnectHost(launch.bindAddress());
            this.endpoint = new Endpoint(host, awaitReady(startTimeoutMillis));
            if (remote != null) {
                RemoteServers.checkReachable(launch.transport(), remote.host(), endpoint);
            }
        } catch (IOException | RuntimeException e) {
            killQuietly();
            throw e;
        }
    }

    /**
     * Starts the server of {@code transport}, placed as {@code settings} say ({@link ServerLaunch#of}),
     * with {@code settings} passed on to it.
     */
    public static ServerProcess start(String transport, RpcSettings settings) throws IOException {
        return start(ServerLaunch.of(transport, settings), settings);
    }

    /**
     * Starts a server and returns once it has printed {@code READY}. The server JVM gets every
     * setting of {@code settings} ({@link RpcSettings#jvmFlags}) but the launcher's own
     * ({@link ServerLaunch#NAMESPACE}), so that client and server agree.
     */
    public static ServerProcess start(ServerLaunch launch, RpcSettings settings) throws IOException {
        return start(launch, settings, Os.current());
    }

    /** {@link #start(ServerLaunch, RpcSettings)} on the OS {@code os} says (tests reach Windows' paths). */
    public static ServerProcess start(ServerLaunch launch, RpcSettings settings, Os os) throws IOException {
        RemoteHost remoteHost = RemoteHost.of(settings);
        RemoteDeployment.Deployed remote = remoteHost == null ? null : RemoteDeployment.ensure(remoteHost);
        if (remote != null && !settings.isSet(ServerLaunch.BIND)) {
            launch = launch.withBindAddress(remote.address()); // the remote host's own address, not its loopback
        }
        String logDirSetting = settings.get(LOG_DIR);
        Path logDir = Path.of(logDirSetting.isBlank() ? System.getProperty("java.io.tmpdir") : logDirSetting);
        Files.createDirectories(logDir);
        Path log = Files.createTempFile(logDir, "rpcbench-server-" + launch.transport() + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(remote == null ? command(launch, settings, os)
                : remoteCommand(launch, settings, remote))
                .redirectErrorStream(false)
                .redirectError(log.toFile())
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        LIVE.add(process);
        CpuList cpus = settings.get(ServerLaunch.CPUS);
        if (cpus != null && os.windows() && remote == null) {
            // Before READY is read: the server makes no call of the benchmark's until then.
            try {
                Affinity.pin(os, process.pid(), cpus);
            } catch (IOException e) {
                process.destroyForcibly();
                LIVE.remove(process);
                throw new IOException(launch.transport() + " server: " + e.getMessage(), e);
            }
        }
        return new ServerProcess(launch, process, log, settings.get(START_TIMEOUT_MS), remote);
    }

    /**
     * The full command line: the launch's prefix, on Linux {@code taskset -c} for
     * {@link ServerLaunch#CPUS}, this JVM's java, the launch's flags, the settings' flags, class path.
     *
     * @throws IllegalArgumentException for what Windows cannot do: pin a server behind a prefix (the
     *                                  pinned process would be the prefix's), or pass a double quote
     *                                  inside an argument (Java's Windows launcher does not escape it)
     */
    public static List<String> command(ServerLaunch launch, RpcSettings settings, Os os) {
        CpuList cpus = settings.get(ServerLaunch.CPUS);
        List<String> cmd = new ArrayList<>(launch.prefix());
        if (cpus != null && !os.windows()) {
            cmd.addAll(Affinity.prefix(cpus));
        }
        if (cpus != null && os.windows() && !launch.prefix().isEmpty()) {
            throw new IllegalArgumentException(ServerLaunch.CPUS.name() + " with " + ServerLaunch.PREFIX.name()
                    + " on Windows would pin the prefix's process, not the server: pin on the other side of the prefix");
        }
        cmd.addAll(java(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                System.getProperty("java.class.path"), launch, settings));
        if (os.windows()) {
            cmd.stream().filter(word -> word.indexOf('"') >= 0).findFirst().ifPresent(word -> {
                throw new IllegalArgumentException("the server argument '" + word + "' holds a double quote, which"
                        + " Java on Windows passes on unescaped: leave it out of " + ServerLaunch.JVM_ARGS.name()
                        + " and " + ServerLaunch.PREFIX.name());
            });
        }
        return cmd;
    }

    /**
     * The command that starts the server on a deployed remote host: ssh, then there the launch's
     * prefix, {@code taskset -c} for {@link ServerLaunch#CPUS} (on that host), its java and the copied jar.
     */
    public static List<String> remoteCommand(ServerLaunch launch, RpcSettings settings, RemoteDeployment.Deployed remote) {
        List<String> there = new ArrayList<>(launch.prefix());
        CpuList cpus = settings.get(ServerLaunch.CPUS);
        if (cpus != null) {
            there.addAll(Affinity.prefix(cpus));
        }
        there.addAll(java(remote.host().java(), remote.jar(), launch, settings));
        return RemoteServers.command(remote, there);
    }

    /** {@code java}, the launch's flags, the settings' flags, {@code classPath}, the main class and its options. */
    private static List<String> java(String java, String classPath, ServerLaunch launch, RpcSettings settings) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(UTF8_OUTPUT);
        cmd.addAll(launch.jvmArgs());
        cmd.addAll(settings.jvmFlagsExcept(ServerLaunch.NAMESPACE));
        cmd.addAll(List.of("-cp", classPath, ServerMain.class.getName(), "--transport", launch.transport(), "--bind",
                launch.bindAddress(), "--port", Integer.toString(launch.port())));
        return cmd;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public String transport() {
        return launch.transport();
    }

    /** What clients must trust (the server's TRUST line: certificate or CURVE key); null for a plaintext server. */
    public String trust() {
        return trust;
    }

    /**
     * {@code settings} for this server's clients: with {@link Tls#TRUST} set to what it printed, when
     * it printed anything.
     */
    public RpcSettings clientSettings(RpcSettings settings) {
        return trust == null ? settings : settings.with(Tls.TRUST, trust);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Asks the server what it has cost so far. */
    public synchronized ServerStats stats() throws IOException {
        send("STATS");
        String line = nextLine(5_000, "STATS");
        return ServerStats.parse(line);
    }

    /** Collects garbage in the server, then answers as {@link #stats()}: for memory-growth checks. */
    public synchronized ServerStats statsAfterGc() throws IOException {
        send("GC");
        return ServerStats.parse(nextLine(30_000, "GC"));
    }

    /** Kills the server at once, as a crash would: for fault tests. */
    public void kill() {
        killQuietly();
    }

    /**
     * Stops the server: {@code STOP}, wait, then kill.
     *
     * @throws IllegalStateException when the process is still there afterwards
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            send("STOP");
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already dead or stdin closed: the wait below tells.
        }
        boolean exited = waitFor(STOP_WAIT_MILLIS);
        if (!exited) {
            process.destroy();
            exited = waitFor(5_000);
        }
        if (!exited) {
            process.destroyForcibly();
            exited = waitFor(5_000);
        }
        LIVE.remove(process);
        if (remote != null && remotePid > 0) {
            if (exited && process.exitValue() == 0) {
                RemoteServers.exited(remotePid); // ssh ends with the remote command's code: the server exited cleanly
            } else {
                System.err.println("# rpc-bench: " + RemoteServers.kill(remotePid, remote.host()));
            }
        }
        if (!exited) {
            throw new IllegalStateException(launch.transport() + " server (pid " + pid()
                    + ") failed to shut down; log " + log);
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // A leftover log file is harmless.
        }
    }

    @Override
    public String toString() {
        return launch.transport() + " server pid " + pid() + " at " + endpoint;
    }

    private int awaitReady(int timeoutMillis) throws IOException {
        String line = nextLine(timeoutMillis, "READY");
        while (true) { // a remote server's shell announces its pid, a TLS server what to trust, then READY
            if (remote != null && line.startsWith(RemoteServers.PID_LINE)) {
                remotePid = Long.parseLong(line.substring(RemoteServers.PID_LINE.length()).trim());
                RemoteServers.started(remote.host(), remotePid);
            } else if (line.startsWith(TRUST_LINE)) {
                trust = line.substring(TRUST_LINE.length()).trim();
            } else {
                break;
            }
            line = nextLine(timeoutMillis, "READY");
        }
        if (!line.startsWith("READY ")) {
            throw new IOException(failure("printed '" + line + "' instead of READY <port>"));
        }
        try {
            return Integer.parseInt(line.substring("READY ".length()).trim());
        } catch (NumberFormatException e) {
            throw new IOException(failure("printed a malformed READY line '" + line + "'"), e);
        }
    }

    private String nextLine(long timeoutMillis, String awaited) throws IOException {
        String line;
        try {
            line = output.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + launch.transport() + " server " + awaited, e);
        }
        if (line == null) {
            throw new IOException(failure("did not answer " + awaited + " within " + timeoutMillis + " ms"));
        }
        if (line.equals(END_OF_OUTPUT)) {
            waitFor(2_000);
            String how = process.isAlive() ? "closed its output" : "exited with code " + process.exitValue();
            throw new IOException(failure(how + " before answering " + awaited));
        }
        return line;
    }

    private void send(String command) throws IOException {
        OutputStream in = process.getOutputStream();
        try {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new IOException(failure("cannot be sent " + command + " (" + e.getMessage() + ")"), e);
        }
    }

    /** A one-line problem followed by where the log is and its last lines. */
    private String failure(String problem) {
        StringBuilder sb = new StringBuilder();
        sb.append(launch.transport()).append(" server (pid ").append(process.pid()).append(") ").append(problem)
                .append("; log ").append(log);
        List<String> tail = logTail();
        if (!tail.isEmpty()) {
            sb.append(", last lines:");
            tail.forEach(l -> sb.append(System.lineSeparator()).append("  | ").append(l));
        }
        return sb.toString();
    }

    private List<String> logTail() {
        try {
            // UTF-8 as asked of the server, or the code page of a JVM message written before that took hold
            List<String> lines = ConsoleText.ofJvmLines(Files.readAllBytes(log));
            return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException e) {
            // The process went away; the sentinel below tells the waiter.
        } finally {
            output.add(END_OF_OUTPUT);
        }
    }

    private boolean waitFor(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void killQuietly() {
        process.destroyForcibly();
        waitFor(5_000);
        LIVE.remove(process);
        if (remote != null && remotePid > 0) {
            System.err.println("# rpc-bench: " + RemoteServers.kill(remotePid, remote.host()));
        }
    }

    /** A wildcard bind on a remote host is reached at the host's own address. */
    private String remoteConnectHost(String bindAddress) {
        String local = connectHost(bindAddress);
        return local.equals(bindAddress) ? bindAddress : remote.address();
    }

    /** A wildcard bind is reached through loopback from this machine. */
    private static String connectHost(String bindAddress) {
        return switch (bindAddress) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]", "0:0:0:0:0:0:0:0" -> "::1";
            default -> bindAddress;
        };
    }
}
