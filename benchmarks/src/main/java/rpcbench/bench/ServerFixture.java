package rpcbench.bench;

import java.io.IOException;
import java.util.Map;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.Transport;
import rpcbench.api.Transports;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsLog;
import rpcbench.orchestration.CpuPinning;
import rpcbench.orchestration.Placement;
import rpcbench.relay.NetDelay;
import rpcbench.relay.Relay;
import rpcbench.server.ServerGroup;
import rpcbench.server.ServerLaunch;

/**
 * The server under test, one per trial, in its own process.
 *
 * <p>Scope.Benchmark: all benchmark threads (JMH -t N) share this one server, so -t N measures N
 * connections to one server. Level.Trial: starting a JVM per iteration would measure start-up,
 * and never Level.Invocation for anything that touches the network (JMH sample 06).
 *
 * <p>With {@link rpcbench.server.ServerLaunch#ADDRESS} set, the server is one already running elsewhere: none is
 * started, and its cost cannot be asked for (no ·server.* metrics; the log says so).
 *
 * <p>With {@link NetDelay#DELAY} set, clients reach the server through a delaying {@link Relay}
 * in this fork (an emulated LAN), which lives as long as the server.
 */
@State(Scope.Benchmark)
public class ServerFixture {

    /** {@link #work}'s default. */
    public static final String NO_WORK = "0";

    /** {@link #tls}'s default. */
    public static final String NO_TLS = "false";

    /**
     * The parameters of this fixture that results made before they existed did not have, at the
     * value those results ran with: a report reads a record with them at these values as one
     * without them ({@link #dropLaterAtDefault}), so runs still compare with older ones.
     */
    public static final Map<String, String> LATER_PARAMETERS = Map.of("work", NO_WORK, "serverMode", ServerMode.DEFAULT,
            "serverProcesses", "1", "auth", AuthParam.NONE, "tls", NO_TLS, "handshake", ConnectBenchmark.FULL);

    /** Removes from {@code params} the {@link #LATER_PARAMETERS} that are at those values: how a report reads a result. */
    public static void dropLaterAtDefault(Map<String, String> params) {
        LATER_PARAMETERS.forEach(params::remove); // remove(key, value): only where the value is the old one
    }

    /**
     * Which transport to benchmark. No default here on purpose: {@link Main} fills in every
     * transport on the class path unless {@code -p transport=...} names some.
     */
    @Param({})
    public String transport;

    /**
     * Where client and server run ({@link CpuPinning}): separate, shared or os. The default here
     * is os; a run through {@code benchmarks.jar} that names none gets separate wherever it can be
     * done, and every result says which.
     */
    @Param({"os"})
    public String placement;

    /**
     * Microseconds of CPU work the server does in each simple call and echo, a calibrated loop the
     * same for every transport ({@link ServerWork}); 0, the default, is none.
     */
    @Param({NO_WORK})
    public int work;

    /**
     * How the server runs its handlers ({@link ServerMode}): {@code default}, each transport's first
     * mode (the one every published figure measured), or one of the transport's own
     * ({@link Transport#serverModes()}).
     */
    @Param({ServerMode.DEFAULT})
    public String serverMode;

    /**
     * How many server processes share the server's port with SO_REUSEPORT ({@link ServerGroup}): 1,
     * the default, is one process as always; more is the counterpart of a pre-forking server, each
     * process in {@link #serverMode}, the ·server.* costs those of all of them.
     */
    @Param({"1"})
    public int serverProcesses;

    /**
     * Per-call authentication ({@link AuthParam}): {@code none}, the default, or {@code token}: a
     * bearer token made for this trial, demanded by the server and sent with every call.
     */
    @Param({AuthParam.NONE})
    public String auth;

    /**
     * Whether clients and server talk TLS 1.3 ({@link Tls}), with a certificate the server makes at
     * its start and its clients trust alone; ZeroMQ: CURVE, not TLS. Default false.
     */
    @Param({NO_TLS})
    public boolean tls;

    private Transport resolved;
    private ServerGroup server;
    private Relay relay;
    private Endpoint endpoint;
    private CostMeter.Sample costStart;
    private RpcSettings clientSettings;

    @Setup(Level.Trial)
    public void startServer() throws IOException {
        resolved = Transports.byName(transport); // once: a ServiceLoader scan is no work for timed code
        clientSettings = AuthParam.settings(auth, RpcSettings.current());
        endpoint = Placement.externalServer();
        if (endpoint != null) {
            if (!serverSettings(RpcSettings.defaults()).equals(RpcSettings.defaults()) || serverProcesses != 1) {
                // benchmarks.jar refuses it sooner
                throw new IllegalArgumentException("-p work, -p serverMode, -p serverProcesses and -p auth cannot change"
                        + " the server already running at " + endpoint);
            }
            System.out.println("# rpc-bench: using the " + transport + " server already running at " + endpoint
                    + "; its cost is not measured (no ·server.* metrics)");
            // its TLS: the run's -Drpcbench.tls and -Drpcbench.tls.trust (clientSettings are the run's)
        } else {
            RpcSettings settings = serverSettings(RpcSettings.current());
            server = ServerGroup.start(launch(ServerLaunch.of(serverName(), settings)), settings, serverProcesses);
            endpoint = server.endpoint();
            clientSettings = server.clientSettings(tls ? clientSettings.with(Tls.ENABLED, true) : clientSettings);
        }
        long delay = RpcSettings.current().get(NetDelay.DELAY);
        if (delay != NetDelay.OFF) {
            relay = new Relay(endpoint, delay);
            System.out.println("# rpc-bench: emulated LAN: clients reach " + endpoint + " through a relay at "
                    + relay.endpoint() + " adding " + NetDelay.describe(delay) + " each way");
            endpoint = relay.endpoint();
        }
    }

    /**
     * {@code settings} with this trial's work, server mode and TLS, which reach the server process as
     * its settings; at their defaults nothing is added, so the server's command line is as before.
     */
    private RpcSettings serverSettings(RpcSettings settings) {
        RpcSettings result = settings;
        if (work != 0) {
            result = result.with(ServerWork.MICROS, work);
        }
        if (!serverMode.equals(ServerMode.DEFAULT)) {
            result = result.with(ServerMode.SETTING, serverMode);
        }
        if (tls) {
            result = result.with(Tls.ENABLED, true);
        }
        return AuthParam.serverSettings(clientSettings, result);
    }

    /** How the server is started: placed as {@link #placement} says (this fork is pinned too). */
    private ServerLaunch launch(ServerLaunch configured) throws IOException {
        return CpuPinning.place(configured, placement);
    }

    /**
     * Opens the cost window of an iteration (Level.Iteration: once per iteration, by one thread,
     * outside the timed code). One STATS round trip to the server; see {@link CostMeter}.
     */
    @Setup(Level.Iteration)
    public void openCostWindow() throws IOException {
        CostMeter.open();
        costStart = CostMeter.sample(server);
    }

    @TearDown(Level.Iteration)
    public void closeCostWindow() throws IOException {
        CostMeter.close(costStart, CostMeter.sample(server));
    }

    @TearDown(Level.Trial)
    public void stopServer() {
        if (relay != null) {
            relay.close();
            System.out.println("# rpc-bench: emulated LAN: asked " + NetDelay.describe(RpcSettings.current().get(NetDelay.DELAY))
                    + " each way; added client->server " + relay.upDelay() + ", server->client " + relay.downDelay());
        }
        if (server != null) {
            printNegotiated();
            server.close(); // throws when the process did not go away
        }
    }

    /**
     * The server process this fixture starts: the transport's own; an application's fixture
     * ({@link AppServerFixture}) starts the application's server over the transport's framework.
     */
    String serverName() {
        return transport;
    }

    /** The line a TLS server logged about its first handshake ({@link TlsLog}), shown once per trial. */
    private void printNegotiated() {
        if (tls) {
            try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(server.log())) {
                lines.filter(l -> l.startsWith(TlsLog.PREFIX)).findFirst()
                        .ifPresent(l -> System.out.println("# rpc-bench: " + transport + " " + l));
            } catch (IOException | java.io.UncheckedIOException e) {
                System.out.println("# rpc-bench: " + transport + " server log unreadable: " + e.getMessage());
            }
        }
    }

    /** The transport under test, resolved once per trial. */
    Transport resolved() {
        return resolved;
    }

    /** The settings of this trial's clients: the run's, with the trial's token, its TLS and what its server told them to trust. */
    RpcSettings clientSettings() {
        return clientSettings;
    }

    /** Where clients connect. */
    Endpoint endpoint() {
        return endpoint;
    }
}
