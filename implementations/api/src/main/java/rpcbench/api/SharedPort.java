package rpcbench.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;

/**
 * Several server processes on one port: the Java counterpart of a pre-forking server. Each process
 * binds its listening socket with {@code SO_REUSEPORT} ({@link #SETTING}), and the kernel spreads new
 * connections over them (on Linux by a hash of each connection's addresses), so each process serves
 * its own share of the clients with its own threads, heap and {@code STATS}. A transport whose server
 * does this says so with {@link Transport#sharesPort()}.
 *
 * <p>Java has {@code SO_REUSEPORT} where the OS has it (Linux, macOS, the BSDs); on Windows it is not
 * a supported option and a server asked for it refuses to start, in one line.
 */
public final class SharedPort {

    /**
     * Whether the server binds with {@code SO_REUSEPORT} so that other server processes can bind the
     * same port (the benchmarks' {@code -p serverProcesses} sets it). Default false.
     */
    public static final Setting<Boolean> SETTING = Setting.flag("rpcbench.reusePort", false,
            "bind the server's port with SO_REUSEPORT, so that several server processes share it (the benchmarks'"
                    + " -p serverProcesses sets it)");

    private SharedPort() {
    }

    /** Whether this JVM's OS lets sockets share a port ({@code SO_REUSEPORT} is a supported option). */
    public static boolean supported() {
        try (ServerSocket probe = new ServerSocket()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code settings} ask the server to bind with {@code SO_REUSEPORT}.
     *
     * @throws UnsupportedOperationException in one line when they do and this OS cannot
     */
    public static boolean asked(RpcSettings settings) {
        if (!settings.get(SETTING)) {
            return false;
        }
        if (!supported()) {
            throw new UnsupportedOperationException(SETTING + "=true: this OS (" + System.getProperty("os.name")
                    + ") has no SO_REUSEPORT, so server processes cannot share a port; use serverProcesses=1");
        }
        return true;
    }
}
