package rpcbench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The server's check of a bearer token, and the setting that holds it. */
class CallAuthTest {

    private static final String TOKEN = CallAuth.newToken();
    private static final RpcSettings WITH_TOKEN = RpcSettings.defaults().with(CallAuth.TOKEN, TOKEN);

    @Test
    void theRightTokenPassesAMissingOrWrongOneIsRefusedNamingWhich() {
        CallAuth auth = CallAuth.server("test", WITH_TOKEN);
        assertTrue(auth.required());
        assertNull(auth.check(TOKEN.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(CallAuth.MISSING, auth.check(null));
        assertEquals(CallAuth.WRONG, auth.check(CallAuth.newToken().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(CallAuth.WRONG, auth.check(TOKEN.substring(1).getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theAuthorizationHeaderTakesTheBearerSchemeInAnyCaseAndNoOther() {
        CallAuth auth = CallAuth.server("test", WITH_TOKEN);
        assertNull(auth.checkBearer("Bearer " + TOKEN));
        assertNull(auth.checkBearer("bearer " + TOKEN));
        assertEquals(CallAuth.MISSING, auth.checkBearer(null));
        assertEquals(CallAuth.MISSING, auth.checkBearer("Basic " + TOKEN));
        assertEquals(CallAuth.WRONG, auth.checkBearer("Bearer " + CallAuth.newToken()));
        assertEquals("Bearer " + TOKEN, CallAuth.clientBearer(WITH_TOKEN));
    }

    @Test
    void withoutATokenAServerTakesEveryCallAndAClientSendsNothing() {
        CallAuth auth = CallAuth.server("test", RpcSettings.defaults());
        assertFalse(auth.required());
        assertNull(auth.check(null));
        assertNull(auth.check(new byte[] {1}));
        assertNull(CallAuth.clientToken(RpcSettings.defaults()));
        assertNull(CallAuth.clientBearer(RpcSettings.defaults()));
    }

    @Test
    void aMalformedTokenIsRefusedWithoutRepeatingIt() {
        for (String bad : new String[] {"short", "has spaces in it, many", "x".repeat(256), "bad\"quote0123456789"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RpcSettings.of(java.util.Map.of(CallAuth.TOKEN.name(), bad)).get(CallAuth.TOKEN));
            assertFalse(e.getMessage().contains(bad), e.getMessage());
            assertTrue(e.getMessage().startsWith("-D" + CallAuth.TOKEN + "=(set, not shown) is not "), e.getMessage());
        }
        assertTrue(CallAuth.isWellFormed(CallAuth.newToken()));
    }

    @Test
    void refusalsAreLoggedOneLineEachThenOnlyCounted() {
        CallAuth auth = CallAuth.server("test", WITH_TOKEN);
        PrintStream before = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 100; i++) {
                auth.check(null);
            }
        } finally {
            System.setErr(before);
        }
        String[] lines = log.toString(StandardCharsets.UTF_8).split("\n");
        // 10 refusals, then the counts at 16, 32 and 64
        assertEquals(CallAuth.LOGGED_REFUSALS + 3, lines.length, String.join("\n", lines));
        assertEquals("test server: refused a call: " + CallAuth.MISSING, lines[0]);
        assertFalse(log.toString(StandardCharsets.UTF_8).contains(TOKEN));
    }
}
