package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import rpcbench.api.RpcSettings;
import rpcbench.api.tls.Tls;
import rpcbench.server.ServerLaunch;

/** -p tls and -p handshake are checked before anything runs, in one line; -Drpcbench.tls only reaches a running server. */
class TlsParamTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 4, 0, 0);

    @Test
    void aTlsValueThatIsNotTrueOrFalseIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkRun.withDefaults(new CommandLineOptions("-p", "tls=yes"), NOW));
        assertTrue(e.getMessage().contains("-p tls=yes is not one of false, true"), e.getMessage());
    }

    @Test
    void aHandshakeThatIsNotFullOrResumedIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkRun.withDefaults(new CommandLineOptions("-p", "handshake=half"), NOW));
        assertTrue(e.getMessage().contains("-p handshake=half is not one of full, resumed"), e.getMessage());
    }

    @Test
    void theTlsSettingIsWhatTheParameterBecomesUnlessTheServerRunsAlready() throws Exception {
        CommandLineOptions none = new CommandLineOptions();
        RpcSettings given = RpcSettings.of(Map.of(Tls.ENABLED.name(), "true"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunChecks.checkTls(none, given));
        assertTrue(e.getMessage().contains("give the parameter instead"), e.getMessage());
        assertDoesNotThrow(() -> RunChecks.checkTls(none, given.with(ServerLaunch.ADDRESS,
                new rpcbench.api.Endpoint("127.0.0.1", 9))));
    }

    @Test
    void aRunningServerCannotBeGivenTlsByParameter() throws Exception {
        RpcSettings external = RpcSettings.defaults().with(ServerLaunch.ADDRESS, new rpcbench.api.Endpoint("127.0.0.1", 9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunChecks.checkTls(new CommandLineOptions("-p", "tls=true"), external));
        assertTrue(e.getMessage().contains("has its own TLS"), e.getMessage());
    }
}
