package rpcbench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The work loop's setting and calibration; that a server spends it is the contract suite's check. */
class ServerWorkTest {

    @Test
    void noWorkIsNoLoopAndNoCalibration() {
        ServerWork none = ServerWork.of(RpcSettings.defaults());
        assertEquals(0, none.iterations());
        none.perform();
        assertEquals("no work per call", none.describe());
    }

    @Test
    void workIsCalibratedIterationsInProportion() {
        long one = ServerWork.of(RpcSettings.defaults().with(ServerWork.MICROS, 100)).iterations();
        long ten = ServerWork.of(RpcSettings.defaults().with(ServerWork.MICROS, 1000)).iterations();
        assertTrue(one > 0, "100 µs of work is some iterations");
        assertTrue(Math.abs(ten - 10 * one) <= 10, one + " and " + ten + " iterations for 100 and 1000 µs");
    }

    @Test
    void theSettingIsBounded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RpcSettings.of(Map.of(ServerWork.MICROS.name(), "-5")).get(ServerWork.MICROS));
        assertEquals("-Drpcbench.work.us=-5 is not a whole number of microseconds from 0 to 1000000", e.getMessage());
    }

    @Test
    void theLoopNeverReachesZero() {
        // xorshift never maps a non-zero state to zero, which is what perform() relies on
        assertTrue(ServerWork.spin(1_000_000, 1) != 0);
        assertTrue(ServerWork.spin(1, 1) != ServerWork.spin(2, 1));
    }
}
