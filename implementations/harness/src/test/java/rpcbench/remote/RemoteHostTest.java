package rpcbench.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rpcbench.api.RpcSettings;

/** The remote settings: read into one host, and a value ssh could mistake for an option refused in one line. */
class RemoteHostTest {

    @Test
    void theSettingsMakeOneHostAndNoneMeansThisMachine() {
        assertNull(RemoteHost.of(RpcSettings.of(Map.of())));
        RemoteHost host = RemoteHost.of(RpcSettings.of(Map.of(RemoteHost.HOST.name(), "bench@db-2.lan",
                RemoteHost.SSH_OPTIONS.name(), "-F '/tmp/my config' -o Port=2222", RemoteHost.DIR.name(), "~/rpc",
                RemoteHost.JAVA.name(), "/opt/jdk-21/bin/java")));
        assertEquals(new RemoteHost("bench@db-2.lan", List.of("-F", "/tmp/my config", "-o", "Port=2222"), "rpc",
                "/opt/jdk-21/bin/java"), host);
        RemoteHost defaults = RemoteHost.of(RpcSettings.of(Map.of(RemoteHost.HOST.name(), "db-2")));
        assertEquals(".cache/rpc-bench", defaults.dir());
        assertEquals("java", defaults.java());
    }

    @Test
    void aValueSshWouldReadAsAnOptionOrThatHoldsWhiteSpaceIsRefusedNamingTheSetting() {
        for (String[] bad : new String[][] {{RemoteHost.HOST.name(), "-oProxyCommand=touch /tmp/x"},
                {RemoteHost.HOST.name(), "a b"}, {RemoteHost.HOST.name(), "h;reboot"}, {RemoteHost.HOST.name(), ""},
                {RemoteHost.DIR.name(), "my dir"}, {RemoteHost.DIR.name(), "-rf"}, {RemoteHost.DIR.name(), "$(id)"},
                {RemoteHost.JAVA.name(), "java -Xmx1g"}, {RemoteHost.SSH_OPTIONS.name(), "-F 'unclosed"}}) {
            Map<String, String> values = new HashMap<>(Map.of(RemoteHost.HOST.name(), "db-2"));
            values.put(bad[0], bad[1]);
            RpcSettings settings = RpcSettings.of(values);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemoteHost.of(settings),
                    String.join("=", bad));
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
