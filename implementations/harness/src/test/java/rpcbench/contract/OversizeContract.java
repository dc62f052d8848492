package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.server.ServerLaunch;
import rpcbench.server.ServerProcess;

/**
 * Every server bounds what it accepts: a server started with a 64 KiB limit refuses a 4 MiB echo
 * from a client allowed 16 MiB, with an RpcException for that call (not a hang, not an
 * out-of-memory), and goes on serving.
 */
interface OversizeContract {

    int SMALL_LIMIT = 64 * 1024;

    String transportName();

    RpcSettings settings();

    RpcImplementation connect(Endpoint endpoint) throws IOException;

    @Test
    default void aMessageAboveTheServersLimitIsRefusedAndTheServerServesOn() throws IOException {
        ServerLaunch launch = ServerLaunch.of(transportName(), settings()).withJvmArgs(List.of("-Xmx128m"));
        try (ServerProcess small = ServerProcess.start(launch,
                settings().with(RpcSettings.MAX_MESSAGE_BYTES, SMALL_LIMIT))) {
            RpcImplementation client = connect(small.endpoint());
            try {
                assertThrows(RpcException.class, () -> client.echo(new byte[4 << 20]),
                        "a 4 MiB echo to a server limited to 64 KiB");
            } finally {
                client.teardown();
            }
            assertTrue(small.isAlive(), "the server died refusing an oversized message");
            try (RpcImplementation next = connect(small.endpoint())) {
                assertEquals(2, next.simpleCall(1), "the server serves on after refusing");
                byte[] fits = new byte[SMALL_LIMIT / 2];
                assertArrayEquals(fits, next.echo(fits));
            }
        }
    }
}
