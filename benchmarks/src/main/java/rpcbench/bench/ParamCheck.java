package rpcbench.bench;

import java.util.Collection;

import org.openjdk.jmh.runner.options.Options;

import rpcbench.api.RpcSettings;

/**
 * Checks the values given with {@code -p} for this jar's numeric parameters before anything runs,
 * so that an impossible size is one line naming the valid range, not a stack trace from a fork.
 */
final class ParamCheck {

    private static final int MAX_IN_FLIGHT = 4096;

    private ParamCheck() {
    }

    /** Throws IllegalArgumentException naming the first bad value and the valid choices. */
    static void check(Options options) {
        long max = RpcSettings.current().maxMessageBytes();
        String limit = " (" + RpcSettings.MAX_MESSAGE_BYTES + ")";
        range(options, "size", 0, max, "bytes" + limit);
        range(options, "chunkSize", 1, max, "bytes" + limit);
        range(options, "fileSize", 0, Long.MAX_VALUE / 2, "bytes");
        range(options, "count", 0, Integer.MAX_VALUE, "values");
        range(options, "inFlight", 1, MAX_IN_FLIGHT, "calls");
    }

    private static void range(Options options, String param, long min, long max, String unit) {
        if (!options.getParameter(param).hasValue()) {
            return;
        }
        Collection<String> values = options.getParameter(param).get();
        for (String text : values) {
            long value;
            try {
                value = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-p " + param + "=" + text + " is not a number (valid: " + min
                        + ".." + max + " " + unit + ")");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("-p " + param + "=" + text + " is outside " + min + ".." + max
                        + " " + unit);
            }
        }
    }
}
