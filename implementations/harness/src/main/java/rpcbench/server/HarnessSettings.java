package rpcbench.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import rpcbench.api.RpcSettings;
import rpcbench.api.Setting;
import rpcbench.api.Transport;
import rpcbench.relay.NetDelay;
import rpcbench.remote.RemoteHost;

/** The settings of the harness itself, and every setting known where it runs transports. */
public final class HarnessSettings {

    /** Where servers run and how they start (each a constant of the class that uses it). */
    public static final List<Setting<?>> HARNESS = List.of(ServerLaunch.JVM_ARGS, ServerLaunch.BIND, ServerLaunch.PORT,
            ServerProcess.START_TIMEOUT_MS, ServerProcess.LOG_DIR, ServerLaunch.PREFIX, ServerLaunch.CPUS,
            ServerLaunch.ADDRESS, NetDelay.DELAY, RemoteHost.HOST, RemoteHost.SSH_OPTIONS, RemoteHost.DIR,
            RemoteHost.JAVA);

    private HarnessSettings() {
    }

    /** {@link RpcSettings#COMMON}, then {@link #HARNESS}, then each transport's own, in that order. */
    public static List<Setting<?>> known(Collection<Transport> transports) {
        List<Setting<?>> all = new ArrayList<>(RpcSettings.COMMON);
        all.addAll(HARNESS);
        transports.forEach(t -> all.addAll(t.settings()));
        return all;
    }
}
