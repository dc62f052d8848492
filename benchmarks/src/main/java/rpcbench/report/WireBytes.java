package rpcbench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import rpcbench.files.WireCount;

/**
 * Bytes on the wire per operation from the {@code NAME-wire.json} files that a run writes beside
 * {@code NAME.json} (see rpcbench.wire), matched to the JMH records they measured alongside.
 */
final class WireBytes {

    private final List<WireCount> counts;

    private WireBytes(List<WireCount> counts) {
        this.counts = counts;
    }

    /** The counts beside each result file that has them; a result without one adds nothing. */
    static WireBytes besides(List<Path> results) throws BadResultFile {
        List<WireCount> all = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Path result : results) {
            Path wire = Reports.besideResult(result, "-wire.json");
            if (!Files.isRegularFile(wire)) {
                continue;
            }
            JsonNode root = JmhResults.readJson(wire);
            if (!root.isArray()) {
                throw new BadResultFile(wire + ": not a bytes-on-the-wire file (expected a list of counts)");
            }
            for (JsonNode count : root) {
                try {
                    all.add(json.treeToValue(count, WireCount.class));
                } catch (Exception e) {
                    throw new BadResultFile(wire + ": not a bytes-on-the-wire file (" + e.getMessage().lines()
                            .findFirst().orElse("") + ")");
                }
            }
        }
        return new WireBytes(all);
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /**
     * The count for the same operation: same benchmark class and method and every parameter the
     * count names equal to the record's (the JMH run may have more, e.g. @Param count).
     */
    Optional<WireCount> of(JmhRecord record) {
        return counts.stream()
                .filter(c -> record.shortName().equals(c.benchmark()))
                .filter(c -> c.params().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(record.params().get(e.getKey()))))
                .findFirst();
    }

    /** {@code dir/NAME.json} -> {@code dir/NAME<suffix>}. */
    static String upDown(WireCount c) {
        return Numbers.format(c.upBytesPerOp()) + " / " + Numbers.format(c.downBytesPerOp());
    }
}

