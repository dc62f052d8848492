package rpcbench.api;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Choices known by a command-line name (codecs, shapes), and the one refusal of a name that is none. */
final class Named {

    private Named() {
    }

    static <E> List<String> names(E[] choices, Function<E, String> name) {
        return Arrays.stream(choices).map(name).toList();
    }

    /** The choice called {@code wanted}; throws IllegalArgumentException naming the valid choices. */
    static <E> E byName(E[] choices, Function<E, String> name, String what, String wanted) {
        for (E c : choices) {
            if (name.apply(c).equals(wanted)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + wanted + "' (valid choices: "
                + String.join(", ", names(choices, name)) + ")");
    }
}
