package rpcbench.files;

import java.util.Map;

/**
 * Bytes on the wire for one operation of one transport: what the client wrote to its socket and
 * what the server wrote back, per operation, averaged over {@code operations} repetitions. Named
 * like the JMH benchmark that times the same operation, with the same parameters, so a report can
 * put the two side by side.
 */
public record WireCount(String transport, String benchmark, Map<String, String> params, int operations,
                        double upBytesPerOp, double downBytesPerOp) {
}
