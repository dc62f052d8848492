package rpcbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The catalogue and the jar's JMH benchmarks must agree, so that nothing lists benchmarks by hand. */
class WorkloadTest {

    @Test
    void theCatalogueListsExactlyTheJarsBenchmarks() {
        Set<String> jmh = new TreeSet<>();
        Workload.JmhList.ENTRIES.forEach(e -> jmh.add(e.getUsername()));
        Set<String> catalogue = new TreeSet<>();
        Arrays.stream(Workload.values()).forEach(w -> catalogue.add(w.benchmark()));
        assertEquals(jmh, catalogue);
    }

    @Test
    void everyNumericParameterIsKnownAndItsDefaultsAreValid() {
        for (Workload w : Workload.values()) {
            w.defaults().forEach((name, values) -> {
                BenchParam p = BenchParam.byName(name);
                assertNotNull(p, w.shortName() + " has a parameter '" + name + "' that BenchParam does not know");
                assertFalse(values.isEmpty(), w.shortName() + " " + name + " has no default");
                values.forEach(p::check);
            });
        }
    }

    @Test
    void everyDefaultCombinationPrepares() {
        for (Workload w : Workload.values()) {
            for (Workload.Params p : w.defaultCombinations()) {
                assertNotNull(w.prepare(p), w.shortName() + " " + p);
            }
        }
    }

    @Test
    void profileValuesAreValid() {
        for (BenchParam p : BenchParam.values()) {
            p.smokeValues().forEach(p::check);
            p.quickValues().forEach(p::check);
        }
    }
}
