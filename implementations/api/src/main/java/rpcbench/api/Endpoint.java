package rpcbench.api;

import java.util.Objects;

/** Where a client connects: a host name or address and a port. */
public record Endpoint(String host, int port) {

    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }

    /** The IPv4 loopback address at {@code port}. */
    public static Endpoint loopback(int port) {
        return new Endpoint("127.0.0.1", port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
