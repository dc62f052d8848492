package rpcbench.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import rpcbench.api.RpcSettings;
import rpcbench.api.TransferReceipt;
import rpcbench.files.ScratchFile;

/**
 * Binary file transfer in chunks over each transport's own streaming facility. One operation is a
 * whole file: {@code uploadFile} reads a temporary file of {@code fileSize} random bytes in chunks
 * of {@code chunkSize} and streams them to the server, which acknowledges bytes, chunks and CRC-32;
 * {@code downloadFile} receives {@code fileSize} bytes in chunks. MB/s is {@code fileSize / score}.
 *
 * <p>The file is read from the page cache after the first pass, and downloads are checked, not
 * written to disk: the figure is the transport's, not the disk's. The file is deleted by the OS when
 * the trial ends or its JVM dies, killed or not ({@link ScratchFile}). Defaults fit the default run
 * (1.5 MB in 64 KB chunks); larger files on request: {@code -p fileSize=134217728,524288000}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TransferBenchmark {

    @Param({"1572864"})
    public long fileSize;

    @Param({"65536"})
    public int chunkSize;

    private ScratchFile file;
    private TransferReceipt expected;
    private final CheckingSink sink = new CheckingSink();

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        RpcSettings.current().checkTransfer(fileSize, chunkSize);
        file = ScratchFile.create("rpcbench-transfer-");
        CRC32 crc = new CRC32();
        byte[] block = new byte[1 << 20];
        SplittableRandom random = new SplittableRandom(fileSize);
        try (OutputStream out = file.append()) {
            for (long written = 0; written < fileSize; written += block.length) {
                int n = (int) Math.min(block.length, fileSize - written);
                random.nextBytes(block);
                out.write(block, 0, n);
                crc.update(block, 0, n);
            }
        }
        expected = new TransferReceipt(fileSize, (fileSize + chunkSize - 1) / chunkSize, crc.getValue());
    }

    @Benchmark
    public TransferReceipt uploadFile(ClientFixture client) throws IOException {
        TransferReceipt receipt;
        try (InputStream in = file.read()) {
            receipt = client.rpc().uploadStream(in, chunkSize);
        }
        if (!expected.equals(receipt)) {
            client.wrongAnswer("upload of " + file + ": expected " + expected + ", the server counted " + receipt);
        }
        return receipt;
    }

    @Benchmark
    public long downloadFile(ClientFixture client) throws IOException {
        sink.reset(false);
        long arrived = client.rpc().downloadStream(fileSize, chunkSize, sink);
        if (arrived != fileSize || sink.bytes != fileSize || sink.problem != null) {
            client.wrongAnswer("download of " + fileSize + " bytes: " + arrived + " arrived, " + sink.bytes + " written"
                    + (sink.problem == null ? "" : ", " + sink.problem));
        }
        return arrived;
    }

    /** One more download outside the timed code, every byte compared with the pattern. */
    @TearDown(Level.Iteration)
    public void checkOneDownloadFully(ClientFixture client) throws IOException {
        sink.reset(true);
        client.rpc().downloadStream(Math.min(fileSize, 16L << 20), chunkSize, sink);
        if (sink.problem != null) {
            throw new IllegalStateException(client.transport() + ": " + sink.problem);
        }
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        if (file != null) {
            file.close();
        }
    }

    /*
     * HOW TO RUN (throughput against chunk size for a 128 MB file):
     *   java -jar benchmarks/target/benchmarks.jar TransferBenchmark -p fileSize=134217728 \
     *        -p chunkSize=4096,65536,1048576 -p transport=tcp,grpc
     */
}
