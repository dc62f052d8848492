package rpcbench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The settings object: defaults, copies with a value, -D flags, typos and malformed values refused. */
class RpcSettingsTest {

    private static final Setting<Boolean> FLAG = Setting.flag("rpcbench.test.flag", true, "a flag for this test");

    @Test
    void defaultsAreTheConstantsOwn() {
        RpcSettings d = RpcSettings.defaults();
        assertEquals(10_000, d.callTimeoutMillis());
        assertEquals(16 * 1024 * 1024, d.maxMessageBytes());
        assertEquals(120_000, d.idleTimeoutMillis());
        assertEquals(List.of(), d.jvmFlags(), "nothing set, nothing forwarded");
    }

    @Test
    void withReturnsANewObjectAndLeavesTheOldOneAlone() {
        RpcSettings d = RpcSettings.defaults();
        RpcSettings short1 = d.with(RpcSettings.CALL_TIMEOUT_MS, 2000).with(FLAG, false);
        assertEquals(10_000, d.callTimeoutMillis());
        assertEquals(2000, short1.callTimeoutMillis());
        assertFalse(short1.get(FLAG));
        assertEquals(List.of("-Drpcbench.call.timeout.ms=2000", "-Drpcbench.test.flag=false"), short1.jvmFlags());
        assertEquals(short1, RpcSettings.of(Map.of("rpcbench.call.timeout.ms", "2000", "rpcbench.test.flag", "false")),
                "what the flags carry reads back as the same settings");
        assertEquals(List.of("-Drpcbench.call.timeout.ms=2000"), short1.jvmFlagsExcept("rpcbench.test."));
    }

    @Test
    void onlyRpcbenchPropertiesCount() {
        RpcSettings s = RpcSettings.of(Map.of("java.home", "/x", "rpcbench.idle.timeout.ms", " 5 "));
        assertEquals(5, s.idleTimeoutMillis(), "white space around a value does not count");
        assertEquals(List.of("-Drpcbench.idle.timeout.ms= 5 "), s.jvmFlags());
    }

    @Test
    void currentIsReadOnce() {
        assertSame(RpcSettings.current(), RpcSettings.current());
    }

    @Test
    void aMalformedValueNamesThePropertyTheValueAndWhatIsValid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RpcSettings.of(Map.of("rpcbench.call.timeout.ms", "soon")));
        assertEquals("-Drpcbench.call.timeout.ms=soon is not a positive integer", e.getMessage());
        RpcSettings bad = RpcSettings.of(Map.of("rpcbench.test.flag", "yes"));
        e = assertThrows(IllegalArgumentException.class, () -> bad.get(FLAG));
        assertEquals("-Drpcbench.test.flag=yes is not one of true, false", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bad.checkKnown(List.of(FLAG)), "checked before a run");
    }

    @Test
    void anUnknownNameIsRefusedNamingItAndTheValidOnes() {
        RpcSettings typo = RpcSettings.of(Map.of("rpcbench.call.timeout", "5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> typo.checkKnown(RpcSettings.COMMON));
        assertTrue(e.getMessage().startsWith("unknown setting -Drpcbench.call.timeout (valid: "), e.getMessage());
        assertTrue(e.getMessage().contains("rpcbench.call.timeout.ms"), e.getMessage());
        RpcSettings.defaults().with(FLAG, true).checkKnown(List.of(FLAG));
    }

    @Test
    void describeSaysWhatIsSetAndWhatIsDefault() {
        List<String> lines = RpcSettings.defaults().with(RpcSettings.CALL_TIMEOUT_MS, 3000).describe(RpcSettings.COMMON);
        assertEquals(List.of("rpcbench.call.timeout.ms = 3000", "rpcbench.max.message.bytes = 16777216 (default)",
                "rpcbench.idle.timeout.ms = 120000 (default)",
                "rpcbench.max.buffered.bytes = a quarter of the server's heap (default)",
                "rpcbench.max.streams.per.connection = 1024 (default)", "rpcbench.max.server.threads = 256 (default)",
                "rpcbench.serverMode = default (default)", "rpcbench.work.us = 0 (default)",
                "rpcbench.tls = false (default)", "rpcbench.tls.trust = none (default)", "rpcbench.tls.resume = false (default)"),
                lines);
    }

    @Test
    void sizePreconditionsNameTheLimit() {
        RpcSettings small = RpcSettings.defaults().with(RpcSettings.MAX_MESSAGE_BYTES, 100);
        small.checkMessageSize("download size", 100, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> small.checkMessageSize("download size", 101, 0));
        assertEquals("download size 101 is outside 0..100 bytes (rpcbench.max.message.bytes)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> small.checkTransfer(-1, 10));
        RpcException r = assertThrows(RpcException.class, () -> small.checkSendable("tcp", "echo", 101));
        assertTrue(r.getMessage().startsWith("tcp: echo of 101 bytes refused") && r.getMessage().contains(
                "rpcbench.max.message.bytes"), r.getMessage());
    }
}
