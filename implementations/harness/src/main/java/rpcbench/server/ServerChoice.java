package rpcbench.server;

import java.util.ArrayList;
import java.util.List;

import rpcbench.api.AppServer;
import rpcbench.api.AppServers;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.ServerWork;
import rpcbench.api.Transport;
import rpcbench.api.Transports;

/**
 * What one server process serves, by the name on {@link ServerMain}'s {@code --transport}: a
 * transport's server ({@link Transports}), or an application's own ({@link AppServers}, named
 * {@code app-transport}). Exactly one of {@code transport} and {@code app} is set.
 */
record ServerChoice(String name, Transport transport, AppServer app) {

    /**
     * The server called {@code name}.
     *
     * @throws IllegalArgumentException naming every transport and application server there is
     */
    static ServerChoice byName(String name) {
        for (Transport t : Transports.all()) {
            if (t.name().equals(name)) {
                return new ServerChoice(name, t, null);
            }
        }
        AppServer app = AppServers.find(name);
        if (app != null) {
            return new ServerChoice(name, null, app);
        }
        throw new IllegalArgumentException("unknown transport '" + name + "' (valid choices: "
                + String.join(", ", names()) + ")");
    }

    /** Every transport's name, then every application server's. */
    static List<String> names() {
        List<String> names = new ArrayList<>(Transports.names());
        names.addAll(AppServers.names());
        return names;
    }

    /** The benchmarks' {@code transport} parameter for this server: its own name, or the application's framework. */
    String benchmarkTransport() {
        return transport != null ? name : app.transport();
    }

    RpcServer newServer(RpcSettings settings) {
        return transport != null ? transport.newServer(settings) : app.newServer(settings);
    }

    /** How it serves, for the log: a transport's mode and work; an application serves as it is written. */
    String describe(RpcSettings settings) {
        if (transport == null) {
            return "application " + app.app() + " over " + app.transport() + "'s framework, its own code";
        }
        ServerMode mode = ServerMode.chosen(transport, settings);
        return "mode " + mode.name() + " (" + mode.description() + "); " + ServerWork.of(settings).describe();
    }
}
