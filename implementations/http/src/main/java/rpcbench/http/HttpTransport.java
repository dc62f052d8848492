package rpcbench.http;

import java.util.Locale;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.Transport;

/**
 * HTTP/REST: a Jetty 12 server with Jackson JSON bodies ({@link JettyRestServer}), and a client that
 * is either the JDK's java.net.http client ({@link JdkRestClient}) or Jetty's own
 * ({@link JettyRestClient}), chosen by {@link #CLIENT}. The server is the same for both.
 */
public final class HttpTransport implements Transport {

    /**
     * Which HTTP client the transport's clients use: {@code jdk} (java.net.http.HttpClient) or
     * {@code jetty} (org.eclipse.jetty.client.HttpClient). Default {@code jetty}: the faster of the two
     * for one connection in this module's measurements (simpleCall and 1 MB echo; README, systems table).
     */
    public static final String CLIENT = "rpcbench.http.client";

    /** The value of {@link #CLIENT} when it is not set. */
    public static final String DEFAULT_CLIENT = "jetty";

    @Override
    public String name() {
        return "http";
    }

    @Override
    public RpcImplementation newClient() {
        String choice = System.getProperty(CLIENT, DEFAULT_CLIENT).trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "jdk" -> {
                return new JdkRestClient();
            }
            case "jetty" -> {
                return new JettyRestClient();
            }
            default -> throw new IllegalArgumentException(
                    "system property " + CLIENT + "='" + choice + "' is not a known HTTP client (valid choices: jdk, jetty)");
        }
    }

    @Override
    public RpcServer newServer() {
        return new JettyRestServer();
    }
}
