package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import rpcbench.api.RpcImplementation;
import rpcbench.api.TransferPattern;
import rpcbench.api.TransferReceipt;

/**
 * The bandwidth and chunked-transfer part of the contract (upload, download, uploadStream,
 * downloadStream), checked byte for byte against the real server of {@link RpcContractTest}.
 */
interface TransferContract {

    int TEN_MB = 10 * 1024 * 1024;

    RpcImplementation connect() throws IOException;

    @Test
    default void uploadAndDownloadMoveWholeMessages() throws IOException {
        Random random = new Random(7);
        try (RpcImplementation client = connect()) {
            for (int size : new int[] {0, 1, 1024, 1_048_576, TEN_MB}) {
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                assertEquals(size, client.upload(payload), "upload of " + size + " bytes: server's count");
                byte[] down = client.download(size);
                assertEquals(size, down.length, "download of " + size + " bytes: length");
                assertEquals(-1, TransferPattern.firstMismatch(down, 0, size, 0), "download of " + size + " bytes");
            }
            assertEquals(3, client.simpleCall(2), "a call after the transfers still works");
        }
    }

    @Test
    default void impossibleSizesAreRefusedBeforeAnythingIsSent() throws IOException {
        try (RpcImplementation client = connect()) {
            assertThrows(IllegalArgumentException.class, () -> client.download(-1));
            assertThrows(IllegalArgumentException.class, () -> client.download(Integer.MAX_VALUE));
            assertThrows(IllegalArgumentException.class, () -> client.downloadStream(-1, 1024, OutputStream.nullOutputStream()));
            assertThrows(IllegalArgumentException.class, () -> client.downloadStream(10, 0, OutputStream.nullOutputStream()));
            assertThrows(IllegalArgumentException.class,
                    () -> client.uploadStream(InputStream.nullInputStream(), Integer.MAX_VALUE));
            assertEquals(5, client.simpleCall(4), "the connection still works after refused arguments");
        }
    }

    @Test
    default void uploadStreamDeliversEveryChunkInOrder() throws IOException {
        Random random = new Random(11);
        try (RpcImplementation client = connect()) {
            // 1.5 MB in 64 KB chunks (the default), an uneven tail, one chunk, and nothing at all
            int[][] cases = {{1_572_864, 65_536}, {100_001, 1000}, {5000, 65_536}, {0, 65_536}};
            for (int[] c : cases) {
                byte[] file = new byte[c[0]];
                random.nextBytes(file);
                CRC32 crc = new CRC32();
                crc.update(file);
                TransferReceipt receipt = client.uploadStream(new ByteArrayInputStream(file), c[1]);
                long chunks = (c[0] + (long) c[1] - 1) / c[1];
                String what = "uploadStream of " + c[0] + " bytes in chunks of " + c[1];
                assertEquals(new TransferReceipt(c[0], chunks, crc.getValue()), receipt, what);
            }
            assertEquals(8, client.simpleCall(7), "a call after the uploads still works");
        }
    }

    @Test
    default void downloadStreamWritesEveryChunkAsItArrives() throws IOException {
        try (RpcImplementation client = connect()) {
            long[][] cases = {{1_572_864, 65_536}, {100_001, 1000}, {5000, 65_536}, {0, 65_536}};
            for (long[] c : cases) {
                PatternCheckingSink sink = new PatternCheckingSink((int) c[1]);
                long arrived = client.downloadStream(c[0], (int) c[1], sink);
                String what = "downloadStream of " + c[0] + " bytes in chunks of " + c[1];
                assertEquals(c[0], arrived, what + ": return value");
                assertEquals(c[0], sink.offset, what + ": bytes written to the sink");
                assertEquals((c[0] + c[1] - 1) / c[1], sink.writes, what + ": one sink write per chunk");
                assertEquals(-1, sink.firstBadOffset, what + ": bytes differ from the pattern");
            }
            assertEquals(8, client.simpleCall(7), "a call after the downloads still works");
        }
    }

    /**
     * A sink that stops after 1 MB of a 100 GB download sees its own exception promptly (so the
     * client did not buffer the transfer), and the server goes on serving other clients.
     */
    @Test
    default void anAbandonedDownloadStopsTheServerSendingIt() throws IOException {
        class Enough extends IOException {
        }
        RpcImplementation client = connect();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                assertThrows(Enough.class, () -> client.downloadStream(100L << 30, 65_536, new OutputStream() {
                    long seen;

                    @Override
                    public void write(int b) {
                        throw new UnsupportedOperationException("chunks arrive as arrays");
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        seen += len;
                        if (seen > 1_048_576) {
                            throw new Enough();
                        }
                    }
                }));
            });
        } finally {
            client.teardown();
        }
        try (RpcImplementation other = connect()) {
            assertArrayEquals(TransferPattern.bytes(0, 3000), other.download(3000), "the next client is served");
        }
    }

    /** Checks the pattern chunk by chunk; records the first bad offset instead of failing mid-call. */
    final class PatternCheckingSink extends OutputStream {
        private final int chunkSize;
        long offset;
        long writes;
        long firstBadOffset = -1;

        PatternCheckingSink(int chunkSize) {
            this.chunkSize = chunkSize;
        }

        @Override
        public void write(int b) {
            throw new UnsupportedOperationException("a transport must hand over whole chunks");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            int bad = TransferPattern.firstMismatch(b, off, len, offset);
            if (firstBadOffset < 0 && (bad >= 0 || len > chunkSize)) {
                firstBadOffset = bad >= 0 ? offset + bad : offset;
            }
            offset += len;
        }
    }
}
