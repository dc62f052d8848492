package rpcbench.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetDelayTest {

    @Test
    void delaysInMicrosecondsMillisecondsAndSeconds() {
        assertEquals(150_000, NetDelay.parse("150us"));
        assertEquals(150_000, NetDelay.parse("150µs"));
        assertEquals(150_000, NetDelay.parse("0.15ms"));
        assertEquals(2_000_000, NetDelay.parse(" 2 ms "));
        assertEquals(1_000_000_000, NetDelay.parse("1s"));
        assertEquals(0, NetDelay.parse("0us"), "0us: the relay without delay");
    }

    @Test
    void absentBlankOrZeroMeansNoRelay() {
        assertEquals(NetDelay.OFF, NetDelay.parse(null));
        assertEquals(NetDelay.OFF, NetDelay.parse(" "));
        assertEquals(NetDelay.OFF, NetDelay.parse("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "150", "-1ms", "1.5s", "2ns", "ms", "0.0001us"})
    void anythingElseIsRefusedNamingTheSettingAndTheChoices(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetDelay.parse(bad));
        assertTrue(e.getMessage().startsWith("-Drpcbench.net.delay=" + bad + " is not"), e.getMessage());
        assertTrue(e.getMessage().contains("150us"), e.getMessage());
    }

    @Test
    void describedInMicroseconds() {
        assertEquals("150 µs", NetDelay.describe(150_000));
        assertEquals("1.5 µs", NetDelay.describe(1_500));
    }
}
