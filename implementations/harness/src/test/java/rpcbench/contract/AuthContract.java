package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import rpcbench.api.AsyncCalls;
import rpcbench.api.CallAuth;
import rpcbench.api.CallPool;
import rpcbench.api.OrderShape;
import rpcbench.api.OrderSummary;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.TransferPattern;
import rpcbench.api.TransferReceipt;
import rpcbench.api.Transport;
import rpcbench.server.ServerProcess;

/**
 * Per-call authentication ({@link CallAuth}) against a server that demands a token: with the
 * right one every operation of the contract works (calls, echo, stream, message, transfers, calls in
 * flight and the load generator's pool where the transport has them); without one, or with another,
 * the client fails in one line naming the cause, the server logs it without the token, and it
 * serves on. Each case starts a server process of its own.
 */
interface AuthContract {

    String transportName();

    RpcSettings settings();

    Transport transport();

    private RpcSettings withToken(String token) {
        return settings().with(CallAuth.TOKEN, token);
    }

    @Test
    default void theRightTokenServesEveryOperation() throws Exception {
        RpcSettings settings = withToken(CallAuth.newToken());
        try (ServerProcess server = ServerProcess.start(transportName(), settings);
             RpcImplementation client = transport().connect(settings, server.endpoint())) {
            assertEquals(42, client.simpleCall(41));
            Random random = new Random(7);
            for (int size : new int[] {0, 1024, 200_000}) {
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                assertArrayEquals(payload, client.echo(payload), "echo of " + size + " bytes");
            }
            int[] next = {0};
            assertEquals(1000, client.streamValues(1000, v -> assertEquals(next[0]++, v)), "stream");
            assertEquals(OrderSummary.of(OrderShape.SMALL.order()),
                    client.message(OrderShape.SMALL.order(), transport().codecs().get(0)), "message");
            assertEquals(5000, client.upload(new byte[5000]), "upload");
            assertArrayEquals(TransferPattern.bytes(0, 3000), client.download(3000), "download");
            byte[] file = new byte[100_000];
            random.nextBytes(file);
            CRC32 crc = new CRC32();
            crc.update(file);
            TransferReceipt receipt = client.uploadStream(new ByteArrayInputStream(file), 16_384);
            assertEquals(new TransferReceipt(file.length, 7, crc.getValue()), receipt, "chunked upload");
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            assertEquals(100_000, client.downloadStream(100_000, 16_384, sink), "chunked download");
            assertArrayEquals(TransferPattern.bytes(0, 100_000), sink.toByteArray(), "chunked download's bytes");
            if (client instanceof AsyncCalls async) {
                CompletableFuture<Integer> a = async.simpleCallAsync(1);
                CompletableFuture<Integer> b = async.simpleCallAsync(2);
                assertEquals(2, a.get(10, TimeUnit.SECONDS));
                assertEquals(3, b.get(10, TimeUnit.SECONDS));
            }
            if (transport().whyNoAsyncCalls() == null) {
                try (CallPool pool = transport().newCallPool(settings, server.endpoint(), 2)) {
                    assertEquals(11, poolCall(pool, 10), "load pool call");
                }
            }
            assertEquals(8, client.simpleCall(7), "the connection serves on");
        }
    }

    @Test
    default void missingAndWrongTokensAreRefusedInOneLineAndTheServerServesOn() throws Exception {
        String token = CallAuth.newToken();
        String other = CallAuth.newToken();
        RpcSettings settings = withToken(token);
        try (ServerProcess server = ServerProcess.start(transportName(), settings)) {
            refused(settings(), server, CallAuth.MISSING);
            refused(withToken(other), server, CallAuth.WRONG);
            refused(settings(), server, CallAuth.MISSING); // again: each refusal alike, none kills the server
            try (RpcImplementation client = transport().connect(settings, server.endpoint())) {
                assertEquals(2, client.simpleCall(1), "a client with the token after the refusals");
                assertArrayEquals(new byte[] {1, 2, 3}, client.echo(new byte[] {1, 2, 3}));
            }
            String log = Files.readString(server.log(), StandardCharsets.UTF_8);
            assertTrue(log.contains(transportName() + " server: refused a call: " + CallAuth.MISSING), log);
            assertTrue(log.contains(transportName() + " server: refused a call: " + CallAuth.WRONG), log);
            assertFalse(log.contains(token) || log.contains(other), "a token in the server's log: " + log);
        }
    }

    /** A client of {@code clientSettings} fails at setup or at its first call, in one line saying {@code why}. */
    private void refused(RpcSettings clientSettings, ServerProcess server, String why) {
        Exception e = assertThrows(Exception.class, () -> {
            try (RpcImplementation client = transport().connect(clientSettings, server.endpoint())) {
                client.simpleCall(1);
                client.echo(new byte[16]);
            }
        }, "a call without the right token succeeded");
        String message = e.getMessage();
        assertTrue(message.contains(why), "expected the cause '" + why + "': " + e);
        assertFalse(message.contains("\n"), "more than one line: " + message);
        assertFalse(message.contains(clientSettings.isSet(CallAuth.TOKEN) ? clientSettings.get(CallAuth.TOKEN) : "\0"),
                "the token in the error: " + message);
    }

    /** One call through the pool, driven on this thread until it is answered; its answer. */
    private static int poolCall(CallPool pool, int value) throws Exception {
        CompletableFuture<Integer> answer = new CompletableFuture<>(); // completed on the framework's thread
        pool.start(0, value, (a, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(a);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int turn = 0; turn < 10_000 && !answer.isDone() && System.nanoTime() < deadline; turn++) {
            pool.runUntil(Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10)));
        }
        return answer.get(1, TimeUnit.SECONDS);
    }
}
