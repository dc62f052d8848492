package rpcbench.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the transports on the class path through {@link ServiceLoader}. */
public final class Transports {

    /** Report order: the raw-TCP floor first, then roughly from oldest idiom to newest. */
    private static final List<String> PREFERRED_ORDER =
            List.of("tcp", "rmi", "zeromq", "grpc", "http", "websocket");

    private Transports() {
    }

    /** Every transport on the class path, in report order (unknown names last, alphabetically). */
    public static List<Transport> all() {
        List<Transport> found = new ArrayList<>();
        ServiceLoader.load(Transport.class).forEach(found::add);
        found.sort(Comparator.comparingInt((Transport t) -> rank(t.name())).thenComparing(Transport::name));
        return found;
    }

    /** The names of {@link #all()}. */
    public static List<String> names() {
        return all().stream().map(Transport::name).toList();
    }

    /**
     * The transport called {@code name}.
     *
     * @throws IllegalArgumentException naming the valid choices when there is none
     */
    public static Transport byName(String name) {
        for (Transport t : all()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "unknown transport '" + name + "' (valid choices: " + String.join(", ", names()) + ")");
    }

    private static int rank(String name) {
        int i = PREFERRED_ORDER.indexOf(name);
        return i < 0 ? PREFERRED_ORDER.size() : i;
    }
}
