package rpcbench.api;

import java.util.Objects;

/**
 * Where a client connects: a host name or address and a port. An endpoint that is a relay in front
 * of a server names that server in {@code fronting} (null otherwise), for clients whose framework
 * hands out the server's own address after the first connection (Java RMI stubs carry it), so that
 * they can send those connections through the relay too.
 */
public record Endpoint(String host, int port, Endpoint fronting) {

    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }

    /** A server's endpoint, or a relay that fronts nothing. */
    public Endpoint(String host, int port) {
        this(host, port, null);
    }

    /** The IPv4 loopback address at {@code port}. */
    public static Endpoint loopback(int port) {
        return new Endpoint("127.0.0.1", port);
    }

    /** A relay at {@code relayHost:relayPort} that passes every connection on to {@code server}. */
    public static Endpoint relayFor(String relayHost, int relayPort, Endpoint server) {
        return new Endpoint(relayHost, relayPort, Objects.requireNonNull(server, "server"));
    }

    /** {@code host:port} (an IPv6 host in brackets); a relay's own address, not its server's. */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
