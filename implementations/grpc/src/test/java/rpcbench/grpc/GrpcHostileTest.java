package rpcbench.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.contract.RawConnection;
import rpcbench.server.ServerProcess;

/**
 * HTTP/2 rapid reset (CVE-2023-44487): HEADERS then RST_STREAM, over and over on one connection,
 * kept a server core busy for as long as it was sent. grpc-java's own limit now closes such a
 * connection; against a real server process, the attacker is cut off within seconds and a
 * well-formed client is answered.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcHostileTest {

    private static final String ECHO = "/rpcbench.RpcBench/Echo";

    @Test
    void theRawClientIsAnsweredLikeARealOne() throws IOException {
        try (ServerProcess server = ServerProcess.start("grpc", RpcSettings.defaults());
             RawConnection c = RawConnection.open(server.endpoint())) {
            c.send(RawHttp2.preface().headers(1, ECHO).bytes());
            byte[] answer = c.read(4096, 2000);
            assertTrue(answer.length >= 9 && answer[3] == RawHttp2.SETTINGS, "the server's SETTINGS came first");
        }
    }

    @Test
    void aConnectionThatResetsStreamsRapidlyIsClosed() throws IOException {
        try (ServerProcess server = ServerProcess.start("grpc", RpcSettings.defaults())) {
            try (RawConnection attacker = RawConnection.open(server.endpoint())) {
                attacker.send(RawHttp2.preface().bytes());
                boolean cut = false;
                long deadline = System.currentTimeMillis() + 10_000;
                for (int stream = 1; !cut && System.currentTimeMillis() < deadline; stream += 200) {
                    RawHttp2 burst = new RawHttp2();
                    for (int s = stream; s < stream + 200; s += 2) {
                        burst.headers(s, ECHO).reset(s);
                    }
                    cut = !attacker.send(burst.bytes());
                    attacker.read(1 << 20, 1); // take what the server says, so it is not blocked on us
                }
                assertTrue(cut || attacker.closedByServerWithin(5000), "the server never closed a rapid-reset connection");
            }
            assertTrue(server.isAlive());
            try (RpcImplementation client = new GrpcTransport().connect(RpcSettings.defaults(), server.endpoint())) {
                assertEquals(42, client.simpleCall(41));
                assertArrayEquals(new byte[1000], client.echo(new byte[1000]));
            }
        }
    }
}
