package rpcbench.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the application servers ({@link AppServer}) on the class path through {@link ServiceLoader}. */
public final class AppServers {

    private AppServers() {
    }

    /** Every application server on the class path, by server name. */
    public static List<AppServer> all() {
        List<AppServer> found = new ArrayList<>();
        ServiceLoader.load(AppServer.class).forEach(found::add);
        found.sort(Comparator.comparing(AppServer::serverName));
        return found;
    }

    /** The {@link AppServer#serverName()}s of {@link #all()}. */
    public static List<String> names() {
        return all().stream().map(AppServer::serverName).toList();
    }

    /** The application server called {@code serverName}, or null when there is none. */
    public static AppServer find(String serverName) {
        return all().stream().filter(a -> a.serverName().equals(serverName)).findFirst().orElse(null);
    }

    /**
     * {@code app}'s server over {@code transport}.
     *
     * @throws IllegalArgumentException naming the transports {@code app} is served over, or the
     *                                  applications on the class path when there is no {@code app}
     */
    public static AppServer of(String app, String transport) {
        AppServer found = find(AppServer.serverName(app, transport));
        if (found != null) {
            return found;
        }
        List<String> over = all().stream().filter(a -> a.app().equals(app)).map(AppServer::transport).toList();
        if (over.isEmpty()) {
            throw new IllegalArgumentException("no application '" + app + "' on the class path (valid choices: "
                    + String.join(", ", all().stream().map(AppServer::app).distinct().toList()) + ")");
        }
        throw new IllegalArgumentException("application '" + app + "' has no server over transport '" + transport
                + "' (valid choices: " + String.join(", ", over) + ")");
    }
}
