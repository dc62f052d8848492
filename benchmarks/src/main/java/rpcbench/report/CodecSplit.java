package rpcbench.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import rpcbench.api.Transports;
import rpcbench.bench.BenchParam;
import rpcbench.bench.Workload;

/**
 * Serialization against transport for a message call: beside each MessageBenchmark record, the
 * CodecBenchmark record of the same codec and shape from the same results (the serialization of
 * one call without the network), so that a table shows how much of a call is the codec and how
 * much the rest. A {@code natural} codec is the transport's own, as the benchmark resolved it.
 */
final class CodecSplit {

    private final Map<String, JmhRecord> codecOnly = new HashMap<>();

    /** From the records without a transport, where CodecBenchmark's are. */
    CodecSplit(List<JmhRecord> generic) {
        for (JmhRecord r : generic) {
            if (r.benchmark().equals(Workload.CODEC.benchmark())) {
                codecOnly.put(key(r.params().get(BenchParam.CODEC.jmhName()), r.params().get(BenchParam.SHAPE.jmhName()),
                        r.threads()), r);
            }
        }
    }

    /** Whether {@code group} is of message calls and the results have codec-only times for some of them. */
    boolean applies(Groups.Group group) {
        return group.benchmark().equals(Workload.MESSAGE.benchmark())
                && group.transports().stream().anyMatch(r -> codecOnly(r).isPresent());
    }

    /** The codec-only record of a message call's codec and shape, in the same unit. */
    Optional<JmhRecord> codecOnly(JmhRecord message) {
        String codec = message.params().get(BenchParam.CODEC.jmhName());
        if (BenchParam.NATURAL.equals(codec)) {
            try {
                codec = Transports.byName(message.transport()).codecs().get(0).jmhName();
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // a transport this jar does not have: its natural codec is unknown here
            }
        }
        JmhRecord r = codecOnly.get(key(codec, message.params().get(BenchParam.SHAPE.jmhName()), message.threads()));
        return Optional.ofNullable(r).filter(c -> c.primary().unit().equals(message.primary().unit()));
    }

    /** The message call's time less its codec-only time: what moving the bytes cost. */
    Optional<Double> rest(JmhRecord message) {
        return codecOnly(message).map(c -> message.primary().score() - c.primary().score());
    }

    private static String key(String codec, String shape, int threads) {
        return codec + " " + shape + " t" + threads;
    }
}
