package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transport;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsLog;
import rpcbench.server.ServerProcess;

/**
 * {@code rpcbench.tls=true} (the benchmarks' {@code -p tls=true}): a server serves calls, echoes and
 * streams over TLS (ZeroMQ: CURVE) to a client that trusts exactly the certificate (key) it
 * printed, and reports what its handshake negotiated; a plaintext client, a client that trusts
 * another server's certificate (another server's CURVE key), and a TLS client against a plaintext
 * server each fail in one line naming the cause, and the server serves on. A server mode that
 * cannot do TLS refuses it in one line. Each case starts servers of its own.
 */
public interface TlsContract {

    /** Values in the contract's stream over TLS. */
    int STREAM_VALUES = 100_000;

    /** Calls in flight over TLS (ZeroMQ's own test keeps InFlightBenchmark's largest, 4096, over CURVE). */
    int IN_FLIGHT = 512;

    String transportName();

    RpcSettings settings();

    Transport transport();

    /** The suite's plaintext server. */
    Endpoint serverEndpoint();

    /** Whether the server mode of {@link #settings()} serves TLS; one that does not refuses it. */
    default boolean servesTls() {
        return true;
    }

    @Test
    default void tlsServesTheContractAndRefusesMismatchedClientsInOneLineWhileServingOn() throws IOException {
        RpcSettings tls = settings().with(Tls.ENABLED, true);
        if (!servesTls()) {
            IOException e = assertThrows(IOException.class, () -> ServerProcess.start(transportName(), tls).close());
            assertTrue(e.getMessage().contains("exited with code 2") && e.getMessage().contains("cannot serve TLS"),
                    e.getMessage());
            return;
        }
        try (ServerProcess server = ServerProcess.start(transportName(), tls);
             ServerProcess other = ServerProcess.start(transportName(), tls)) {
            assertNotNull(server.trust(), "a TLS server prints a TRUST line before READY");
            RpcSettings trusting = server.clientSettings(tls);
            try (RpcImplementation client = transport().connect(trusting, server.endpoint())) {
                servesTheContract(client);
            }

            String plain = failure(settings(), server.endpoint());
            assertTrue(plain.contains(transport().speaksTls() ? "the server speaks TLS and this client does not"
                    : "the server uses CURVE security and this client does not"), plain);

            String untrusting = failure(other.clientSettings(tls), server.endpoint());
            assertTrue(untrusting.contains(transport().speaksTls() ? "is not the one this client trusts"
                    : "is not that server's CURVE public key"), untrusting);

            try (RpcImplementation client = transport().connect(trusting, server.endpoint())) {
                assertEquals(8, client.simpleCall(7), "the server serves on after the refused clients");
            }
            if (transport().speaksTls()) {
                String log = Files.readString(server.log(), StandardCharsets.UTF_8);
                assertTrue(log.contains(TlsLog.PREFIX + Tls.PROTOCOL + " TLS_"), "no negotiated protocol and cipher in: " + log);
            }
        }
    }

    @Test
    default void aTlsClientAgainstAPlaintextServerFailsInOneLine() throws IOException {
        if (!servesTls()) {
            return; // the refusal is the case above
        }
        RpcSettings tls = settings().with(Tls.ENABLED, true);
        try (ServerProcess trustSource = ServerProcess.start(transportName(), tls)) {
            String message = failure(trustSource.clientSettings(tls), serverEndpoint());
            assertTrue(message.contains(transport().speaksTls() ? "the server does not speak TLS and this client does"
                    : "the server does not use CURVE security and this client does"), message);
        }
        try (RpcImplementation client = transport().connect(settings(), serverEndpoint())) {
            assertEquals(2, client.simpleCall(1), "the plaintext server serves on");
        }
    }

    private String failure(RpcSettings clientSettings, Endpoint server) {
        Exception e = assertThrows(Exception.class, () -> transport().connect(clientSettings, server).close());
        String message = String.valueOf(e.getMessage());
        assertFalse(message.contains("\n"), "not one line: " + message);
        assertTrue(message.startsWith(transportName() + ": setup against "), message);
        return message;
    }

    /** Calls, echoes and a long stream. */
    private static void servesTheContract(RpcImplementation client) {
        for (int v : new int[] {0, -1, 41, Integer.MAX_VALUE}) {
            assertEquals(v + 1, client.simpleCall(v), "over TLS: simpleCall(" + v + ")");
        }
        Random random = new Random(42);
        for (int size : new int[] {0, 1024, 200_000}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            assertArrayEquals(payload, client.echo(payload), "over TLS: echo of " + size + " bytes");
        }
        // Many times any high-water mark (JeroMQ's default is 1000 messages), so that a stream
        // outruns its reader and is held back, which is where CURVE once delivered undecoded frames.
        int[] next = {0};
        assertEquals(STREAM_VALUES, client.streamValues(STREAM_VALUES, v -> assertEquals(next[0]++, v)),
                "over TLS: stream of " + STREAM_VALUES);
        assertEquals(2, client.simpleCall(1), "the connection serves on after the stream");
        if (client instanceof rpcbench.api.AsyncCalls async) {
            List<java.util.concurrent.CompletableFuture<Integer>> calls = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                assertNull(failure.get(), "over TLS: a call in flight failed before call " + i + " started");
                calls.add(async.simpleCallAsync(i).whenComplete((a, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (int i = 0; i < IN_FLIGHT; i++) {
                assertEquals(i + 1, calls.get(i).join(), "over TLS: call " + i + " of " + IN_FLIGHT + " in flight");
            }
        }
    }
}
