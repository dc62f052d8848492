package rpcbench.zeromq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;
import rpcbench.api.TransferPattern;
import rpcbench.api.TransferReceipt;
import rpcbench.server.ServerProcess;

/**
 * What the ZeroMQ transport promises for transfers and calls in flight beyond the shared contract,
 * against a real server process: chunks sent from reused buffers arrive intact far beyond the
 * credit window, a failing source or sink passes through unchanged, the server refuses chunk sizes
 * above its own limit, and async and blocking calls share the one DEALER correctly.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ZeroMqTransferTest {

    private static ZeroMqClient connect(ServerProcess server) throws IOException {
        ZeroMqClient client = new ZeroMqClient(RpcSettings.defaults());
        client.setup(server.endpoint());
        return client;
    }

    /** Both ends reuse a ring of window buffers: a buffer refilled too early would corrupt a chunk. */
    @Test
    void transfersFarBeyondTheCreditWindowArriveIntact() throws IOException {
        byte[] file = new byte[12 * ZeroMqProtocol.TRANSFER_WINDOW_BYTES + 17];
        new Random(5).nextBytes(file);
        CRC32 crc = new CRC32();
        crc.update(file);
        try (ServerProcess server = ServerProcess.start("zeromq", RpcSettings.defaults());
             ZeroMqClient client = connect(server)) {
            for (int chunkSize : new int[] {1000, 65_536, 3 * ZeroMqProtocol.TRANSFER_WINDOW_BYTES}) {
                long chunks = (file.length + (long) chunkSize - 1) / chunkSize;
                assertEquals(new TransferReceipt(file.length, chunks, crc.getValue()),
                        client.uploadStream(new ByteArrayInputStream(file), chunkSize), "chunks of " + chunkSize);
                ByteArrayOutputStream sink = new ByteArrayOutputStream(file.length);
                assertEquals(file.length, client.downloadStream(file.length, chunkSize, sink));
                assertArrayEquals(TransferPattern.bytes(0, file.length), sink.toByteArray(), "chunks of " + chunkSize);
            }
        }
    }

    @Test
    void aFailingSourceOrSinkPassesThroughAndTheServerServesOn() throws IOException {
        IOException broke = new IOException("broke");
        InputStream failingSource = new InputStream() {
            long read;

            @Override
            public int read() {
                throw new UnsupportedOperationException("chunks are read as arrays");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 3_000_000) {
                    throw broke;
                }
                read += len;
                return len;
            }
        };
        OutputStream failingSink = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw broke;
            }
        };
        try (ServerProcess server = ServerProcess.start("zeromq", RpcSettings.defaults())) {
            try (ZeroMqClient client = connect(server)) {
                assertSame(broke, assertThrows(IOException.class, () -> client.uploadStream(failingSource, 65_536)));
                RpcException after = assertThrows(RpcException.class, () -> client.simpleCall(1));
                assertTrue(after.getMessage().contains("unusable after a failed uploadStream"), after.getMessage());
            }
            try (ZeroMqClient client = connect(server)) {
                assertSame(broke, assertThrows(IOException.class,
                        () -> client.downloadStream(1L << 30, 65_536, failingSink)));
            }
            try (ZeroMqClient client = connect(server)) {
                assertEquals(3, client.simpleCall(2), "the server serves on after both were abandoned");
            }
        }
    }

    @Test
    void theServerRefusesChunkSizesAboveItsOwnLimit() throws Exception {
        ServerProcess server = ServerProcess.start("zeromq",
                RpcSettings.defaults().with(RpcSettings.MAX_MESSAGE_BYTES, 65_536));
        try (server) {
            try (ZeroMqClient client = connect(server)) {
                RpcException up = assertThrows(RpcException.class,
                        () -> client.uploadStream(new ByteArrayInputStream(new byte[10]), 65_537));
                assertTrue(up.getMessage().contains("chunk size 65537 outside 1..65536"), up.getMessage());
            }
            try (ZeroMqClient client = connect(server)) {
                RpcException down = assertThrows(RpcException.class,
                        () -> client.downloadStream(10, 65_537, OutputStream.nullOutputStream()));
                assertTrue(down.getMessage().contains("chunk size outside 1..65536"), down.getMessage());
            }
        }
    }

    /** Blocking calls take the DEALER back from the agent while async replies are still on their way. */
    @Test
    void asyncAndBlockingCallsShareTheDealer() throws Exception {
        try (ServerProcess server = ServerProcess.start("zeromq", RpcSettings.defaults())) {
            try (ZeroMqClient client = connect(server)) {
                List<CompletableFuture<Integer>> calls = new ArrayList<>();
                for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < 50; i++) {
                        calls.add(client.simpleCallAsync(calls.size()));
                    }
                    assertEquals(round + 1, client.simpleCall(round), "a blocking call amid async ones");
                    ByteArrayOutputStream sink = new ByteArrayOutputStream();
                    assertEquals(5000, client.downloadStream(5000, 1000, sink));
                }
                for (int i = 0; i < calls.size(); i++) {
                    assertEquals(i + 1, calls.get(i).get(30, TimeUnit.SECONDS), "async call " + i);
                }
            }
            assertEquals(0, Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().equals("zeromq-async-agent")).count(),
                    "teardown ends the agent");
        }
    }

    @Test
    void callsInFlightFailWhenTheServerDies() throws Exception {
        ServerProcess doomed = ServerProcess.start("zeromq", RpcSettings.defaults());
        try (ZeroMqClient client = connect(doomed)) {
            assertEquals(8, client.simpleCallAsync(7).get(30, TimeUnit.SECONDS));
            doomed.kill();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.simpleCallAsync(9).get(30, TimeUnit.SECONDS));
            RpcException failure = assertInstanceOf(RpcException.class, e.getCause());
            assertTrue(failure.getMessage().contains("dropped"),
                    "failed because the connection dropped, not by the timeout: " + failure.getMessage());
            assertThrows(RpcException.class, () -> client.simpleCall(1), "the client is now unusable");
        } finally {
            doomed.close();
        }
    }
}
