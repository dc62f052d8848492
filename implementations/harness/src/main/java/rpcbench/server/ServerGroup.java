package rpcbench.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;
import rpcbench.api.SharedPort;
import rpcbench.api.Transport;
import rpcbench.api.Transports;
import rpcbench.api.tls.Tls;

/**
 * The server of one benchmark trial: one process, or several of one transport sharing one port with
 * {@code SO_REUSEPORT} ({@link SharedPort}), the counterpart of a pre-forking server. The first
 * process binds the port the launch asks for (0: a free one) and the others bind the port it
 * announced; the kernel spreads connections over them. Each process answers its own {@code STATS};
 * {@link #stats()} adds them up, so a trial's server cost is what all its processes spent.
 */
public final class ServerGroup implements AutoCloseable {

    /** The most server processes one group may start. */
    public static final int MAX_PROCESSES = 16;

    private final List<ServerProcess> processes;

    private ServerGroup(List<ServerProcess> processes) {
        this.processes = List.copyOf(processes);
    }

    /**
     * Starts {@code count} server processes as {@code launch} says; with one, exactly as
     * {@link ServerProcess#start(ServerLaunch, RpcSettings)} does (the same command line). A process
     * that fails to start stops the ones already started.
     *
     * @throws IllegalArgumentException in one line when {@code count} is out of range or the transport's
     *                                  server cannot share a port
     */
    public static ServerGroup start(ServerLaunch launch, RpcSettings settings, int count) throws IOException {
        if (count == 1) { // any server ServerMain can start, an application's too (AppServer)
            return new ServerGroup(List.of(ServerProcess.start(launch, settings)));
        }
        check(Transports.byName(launch.transport()), count);
        if (settings.get(Tls.ENABLED)) {
            throw new IllegalArgumentException("serverProcesses=" + count + " with tls=true: each server process makes"
                    + " its own certificate and a client trusts one; use serverProcesses=1 with TLS");
        }
        RpcSettings shared = settings.with(SharedPort.SETTING, true);
        List<ServerProcess> started = new ArrayList<>();
        try {
            started.add(ServerProcess.start(launch, shared));
            ServerLaunch samePort = launch.withPort(started.get(0).endpoint().port());
            while (started.size() < count) {
                started.add(ServerProcess.start(samePort, shared));
            }
            return new ServerGroup(started);
        } catch (IOException | RuntimeException e) {
            started.forEach(ServerProcess::kill);
            throw e;
        }
    }

    /**
     * Whether {@code transport} can run {@code count} server processes here.
     *
     * @throws IllegalArgumentException in one line naming what can
     */
    public static void check(Transport transport, int count) {
        if (count < 1 || count > MAX_PROCESSES) {
            throw new IllegalArgumentException("serverProcesses=" + count + ": give 1 to " + MAX_PROCESSES);
        }
        if (count == 1) {
            return;
        }
        if (!transport.sharesPort()) {
            List<String> able = Transports.all().stream().filter(Transport::sharesPort).map(Transport::name).toList();
            throw new IllegalArgumentException("serverProcesses=" + count + ": " + transport.name()
                    + "'s server cannot share its port with other processes; transports that can: " + String.join(", ", able));
        }
        if (!SharedPort.supported()) {
            throw new IllegalArgumentException("serverProcesses=" + count + ": this OS (" + System.getProperty("os.name")
                    + ") has no SO_REUSEPORT, so server processes cannot share a port; use 1");
        }
    }

    /** Where clients connect: the one port every process serves. */
    public Endpoint endpoint() {
        return processes.get(0).endpoint();
    }

    /** {@code settings} for the group's clients: what its server told them to trust ({@link ServerProcess#clientSettings}). */
    public RpcSettings clientSettings(RpcSettings settings) {
        return processes.get(0).clientSettings(settings);
    }

    /** The first process's log (the one that chose the port). */
    public java.nio.file.Path log() {
        return processes.get(0).log();
    }

    /** The processes, the first being the one that chose the port. */
    public List<ServerProcess> processes() {
        return processes;
    }

    /** Every process's {@code STATS}, added up ({@link ServerStats#sum}). */
    public ServerStats stats() throws IOException {
        List<ServerStats> all = new ArrayList<>();
        for (ServerProcess p : processes) {
            all.add(p.stats());
        }
        return processes.size() == 1 ? all.get(0) : ServerStats.sum(all);
    }

    /** Stops every process; throws, as {@link ServerProcess#close()} does, when one did not go away. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (ServerProcess p : processes) {
            try {
                p.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
