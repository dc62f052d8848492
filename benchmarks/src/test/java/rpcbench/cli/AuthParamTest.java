package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import rpcbench.api.CallAuth;
import rpcbench.api.RpcSettings;
import rpcbench.bench.AuthParam;
import rpcbench.server.ServerLaunch;

/** -p auth: a new token per trial, never given on the command line, and refused where it cannot work, in one line. */
class AuthParamTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 4, 0, 0);

    @Test
    void tokenMakesANewWellFormedTokenEachTimeAndNoneAddsNothing() {
        String first = AuthParam.settings("token", RpcSettings.defaults()).get(CallAuth.TOKEN);
        String second = AuthParam.settings("token", RpcSettings.defaults()).get(CallAuth.TOKEN);
        assertTrue(CallAuth.isWellFormed(first), first);
        assertEquals(43, first.length(), "32 bytes in base64url without padding");
        assertNotEquals(first, second);
        assertEquals(RpcSettings.defaults(), AuthParam.settings("none", RpcSettings.defaults()));
    }

    @Test
    void theTokenIsNeverShownInTheSettingsLinesOrTheirText() {
        RpcSettings settings = AuthParam.settings("token", RpcSettings.defaults());
        String token = settings.get(CallAuth.TOKEN);
        List<String> lines = settings.describe(List.of(CallAuth.TOKEN));
        assertEquals(List.of(CallAuth.TOKEN.name() + " = (set, not shown)"), lines);
        assertFalse(settings.toString().contains(token), settings.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RpcSettings.of(Map.of(CallAuth.TOKEN.name(), "short secret")).get(CallAuth.TOKEN));
        assertFalse(e.getMessage().contains("short secret"), e.getMessage());
    }

    @Test
    void anUnknownAuthIsRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkRun.withDefaults(new CommandLineOptions("-p", "auth=basic"), NOW));
        assertEquals("-p auth=basic is not one of none, token", e.getMessage());
    }

    @Test
    void aTokenGivenToABenchmarkRunIsRefused() {
        RpcSettings given = RpcSettings.of(Map.of(CallAuth.TOKEN.name(), CallAuth.newToken()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunChecks.withServerModes(List.of("tcp"), List.of(), List.of(), true, given));
        assertEquals("-D" + CallAuth.TOKEN + " is made per trial by -p auth=token; give the parameter instead",
                e.getMessage());
    }

    @Test
    void aTokenPerTrialCannotReachAServerAlreadyRunning() throws Exception {
        RpcSettings external = RpcSettings.of(Map.of(ServerLaunch.ADDRESS.name(), "127.0.0.1:7000"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunChecks.check(
                new CommandLineOptions("-p", "transport=tcp", "-p", "auth=none,token"), external));
        assertTrue(e.getMessage().startsWith("-p auth=token makes a token per trial, which the server already running at"
                + " 127.0.0.1:7000 cannot know"), e.getMessage());
    }
}
