package rpcbench.websocket;

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
 * What the websocket transport promises for transfers and calls in flight beyond the shared
 * contract, against a real server process: a failing source or sink cancels only its own transfer
 * (by id) and passes its exception through unchanged, transfers far beyond the credit window
 * arrive whole, the server refuses chunk sizes above its own limit, and async calls fail at once
 * when the connection is lost.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebSocketTransferTest {

    private static WebSocketRpcClient connect(ServerProcess server) throws IOException {
        return (WebSocketRpcClient) WebSocketBehaviourTest.connect(server);
    }

    @Test
    void aFailingSourceOrSinkCancelsOnlyItsTransfer() throws IOException {
        IOException sourceBroke = new IOException("source broke");
        IOException sinkBroke = new IOException("sink broke");
        try (ServerProcess server = ServerProcess.start("websocket", RpcSettings.defaults());
             WebSocketRpcClient client = connect(server)) {
            InputStream failing = new InputStream() {
                long read;

                @Override
                public int read() {
                    throw new UnsupportedOperationException("chunks are read as arrays");
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (read > 3_000_000) {
                        throw sourceBroke;
                    }
                    read += len;
                    return len;
                }
            };
            assertSame(sourceBroke, assertThrows(IOException.class, () -> client.uploadStream(failing, 65_536)));
            assertEquals(2, client.simpleCall(1), "the connection stays usable after the source failed");

            OutputStream refusing = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw sinkBroke;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    throw sinkBroke;
                }
            };
            assertSame(sinkBroke, assertThrows(IOException.class,
                    () -> client.downloadStream(1L << 30, 65_536, refusing)));
            assertEquals(3, client.simpleCall(2), "the connection stays usable after the sink failed");
            assertArrayEquals(TransferPattern.bytes(0, 100_000), download(client, 100_000, 4096));
        }
    }

    @Test
    void transfersFarBeyondTheCreditWindowArriveWhole() throws IOException {
        byte[] file = new byte[12 * WebSocketProtocol.TRANSFER_WINDOW_BYTES + 17];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i * 31 + (i >>> 13));
        }
        CRC32 crc = new CRC32();
        crc.update(file);
        try (ServerProcess server = ServerProcess.start("websocket", RpcSettings.defaults());
             WebSocketRpcClient client = connect(server)) {
            for (int chunkSize : new int[] {1024, 65_536, 3 * WebSocketProtocol.TRANSFER_WINDOW_BYTES}) {
                long chunks = (file.length + (long) chunkSize - 1) / chunkSize;
                assertEquals(new TransferReceipt(file.length, chunks, crc.getValue()),
                        client.uploadStream(new ByteArrayInputStream(file), chunkSize), "chunks of " + chunkSize);
                assertArrayEquals(TransferPattern.bytes(0, file.length), download(client, file.length, chunkSize));
            }
        }
    }

    @Test
    void theServerRefusesChunksAboveItsOwnLimit() throws IOException {
        int serverLimit = 64 * 1024;
        RpcSettings small = RpcSettings.defaults().with(RpcSettings.MAX_MESSAGE_BYTES, serverLimit);
        try (ServerProcess server = ServerProcess.start("websocket", small);
             WebSocketRpcClient client = connect(server)) {
            RpcException up = assertThrows(RpcException.class,
                    () -> client.uploadStream(new ByteArrayInputStream(new byte[10]), serverLimit + 1));
            assertTrue(up.getMessage().contains("chunk size " + (serverLimit + 1)), up.getMessage());
        }
        try (ServerProcess server = ServerProcess.start("websocket", small);
             WebSocketRpcClient client = connect(server)) {
            RpcException down = assertThrows(RpcException.class,
                    () -> client.downloadStream(10, serverLimit + 1, OutputStream.nullOutputStream()));
            assertTrue(down.getMessage().contains("chunk size outside"), down.getMessage());
        }
    }

    @Test
    void callsInFlightFailAtOnceWhenTheServerDies() throws Exception {
        ServerProcess doomed = ServerProcess.start("websocket", RpcSettings.defaults());
        try (WebSocketRpcClient client = connect(doomed)) {
            assertEquals(8, client.simpleCallAsync(7).get(30, TimeUnit.SECONDS));
            doomed.kill();
            CompletableFuture<Integer> late = client.simpleCallAsync(9);
            ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(30, TimeUnit.SECONDS));
            RpcException failure = assertInstanceOf(RpcException.class, e.getCause());
            assertTrue(failure.getMessage().contains("connection closed") || failure.getMessage().contains("connection failed")
                    || failure.getMessage().contains("not open"),
                    "failed because the library reported the close, not by the timeout: " + failure.getMessage());
            assertThrows(RpcException.class, () -> client.simpleCall(1), "the connection is now unusable");
        } finally {
            doomed.close();
        }
    }

    private static byte[] download(WebSocketRpcClient client, int size, int chunkSize) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(size);
        assertEquals(size, client.downloadStream(size, chunkSize, sink));
        return sink.toByteArray();
    }
}
