package rpcbench.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.TransferPattern;
import rpcbench.api.TransferReceipt;
import rpcbench.server.ServerProcess;

/**
 * What the gRPC transfers promise beyond the contract: every transfer in both client threading
 * modes, payloads of exactly the maximum size accepted and one byte more refused, and an upload
 * that stops reading its source when the server takes nothing (isReady/onReady backpressure).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrpcTransferTest {

    private static final int MAX = 1 << 20;

    @ParameterizedTest(name = "callerEventLoop={0}")
    @ValueSource(booleans = {true, false})
    void everyTransferWorksInBothThreadingModes(boolean callerEventLoop) throws IOException {
        byte[] file = new byte[700_001];
        new Random(3).nextBytes(file);
        CRC32 crc = new CRC32();
        crc.update(file);
        try (ServerProcess server = ServerProcess.start("grpc", RpcSettings.defaults());
                RpcImplementation client = GrpcTestSupport.connect(server.endpoint(), callerEventLoop)) {
            assertEquals(file.length, client.upload(file));
            assertArrayEquals(TransferPattern.bytes(0, 5000), client.download(5000));
            assertEquals(new TransferReceipt(file.length, 22, crc.getValue()),
                    client.uploadStream(new ByteArrayInputStream(file), 32_768));
            TransferContractSink sink = new TransferContractSink();
            assertEquals(3_000_000L, client.downloadStream(3_000_000L, 65_536, sink));
            assertEquals(3_000_000L, sink.offset);
            assertEquals(-1, sink.firstBad);
            class Enough extends IOException {
            }
            assertThrows(Enough.class, () -> client.downloadStream(1L << 40, 65_536, new OutputStream() {
                @Override
                public void write(int b) {
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    throw new Enough();
                }
            }));
            RpcException next = assertThrows(RpcException.class, () -> client.simpleCall(1));
            assertTrue(next.getMessage().contains("unusable after a failed downloadStream"), next.getMessage());
        }
    }

    /** With a 1 MiB limit on both sides, payloads and chunks of exactly 1 MiB pass and 1 MiB + 1 does not. */
    @Test
    void theLimitIsOnThePayloadExactly() throws IOException {
        RpcSettings small = RpcSettings.defaults().with(RpcSettings.MAX_MESSAGE_BYTES, MAX);
        try (ServerProcess server = ServerProcess.start("grpc", small)) {
            try (RpcImplementation client = GrpcTestSupport.connect(server.endpoint(), small)) {
                assertEquals(MAX, client.upload(new byte[MAX]));
                assertEquals(MAX, client.download(MAX).length);
                assertEquals(2L * MAX, client.uploadStream(new ByteArrayInputStream(new byte[2 * MAX]), MAX).bytes());
                assertEquals(2L * MAX, client.downloadStream(2L * MAX, MAX, OutputStream.nullOutputStream()));
                RpcException e = assertThrows(RpcException.class, () -> client.upload(new byte[MAX + 1]));
                assertTrue(e.getMessage().contains("RESOURCE_EXHAUSTED"), e.getMessage());
            }
            try (RpcImplementation client = GrpcTestSupport.connect(server.endpoint(), small)) {
                assertThrows(IllegalArgumentException.class, () -> client.download(MAX + 1));
                assertEquals(2, client.simpleCall(1), "the server serves on");
            }
        }
    }

    /**
     * A frozen server takes nothing more, so its HTTP/2 window closes: the upload must stop
     * reading an endless source after about a window's worth (1 MiB), fail after the call
     * timeout, and not have buffered the source meanwhile.
     */
    @ParameterizedTest(name = "callerEventLoop={0}")
    @ValueSource(booleans = {true, false})
    void anUploadWaitsForFlowControlCredit(boolean callerEventLoop) throws Exception {
        assumeTrue(new File("/bin/kill").canExecute(), "needs POSIX kill to freeze a process");
        long[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                read[0] += len;
                return len;
            }
        };
        try (ServerProcess frozen = ServerProcess.start("grpc", RpcSettings.defaults())) {
            RpcImplementation client = GrpcTestSupport.connect(frozen.endpoint(),
                    RpcSettings.defaults().with(RpcSettings.CALL_TIMEOUT_MS, 2000), callerEventLoop);
            try (client) {
                GrpcTestSupport.signal("STOP", frozen.pid());
                try {
                    RpcException e = assertThrows(RpcException.class, () -> client.uploadStream(endless, 65_536));
                    assertTrue(e.getMessage().contains("no flow-control credit"), e.getMessage());
                } finally {
                    GrpcTestSupport.signal("CONT", frozen.pid());
                }
            }
        }
        assertTrue(read[0] < 8L << 20, "read " + read[0] + " bytes of the source without credit to send them");
    }

    /** Checks a download against the transfer pattern as it arrives. */
    private static final class TransferContractSink extends OutputStream {
        long offset;
        long firstBad = -1;

        @Override
        public void write(int b) {
            throw new UnsupportedOperationException("whole chunks only");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int bad = TransferPattern.firstMismatch(b, off, len, offset);
            if (firstBad < 0 && bad >= 0) {
                firstBad = offset + bad;
            }
            offset += len;
        }
    }
}
