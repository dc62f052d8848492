package rpcbench.tcp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;

import rpcbench.api.ServerLimits;
import rpcbench.api.TransferPattern;

/**
 * The server's side of bandwidth and chunked transfers on one connection: whole-message upload and
 * download, and chunked upload (CHUNK... then UPLOADED, answered by a receipt) and download
 * (CHUNKS answered by CHUNK... then END). Blocking writes make TCP's window the backpressure.
 */
final class TcpTransfers {

    private final DataInputStream in;
    private final DataOutputStream out;
    private final int maxMessageBytes;
    private final CRC32 crc = new CRC32();
    private final ServerLimits limits;
    private byte[] chunk = new byte[0];
    private long chunkTaken;
    private long uploadedBytes;
    private long uploadedChunks;

    private final TcpServerConnection connection;

    TcpTransfers(DataInputStream in, DataOutputStream out, TcpServerConnection connection, int maxMessageBytes,
                 ServerLimits limits) {
        this.limits = limits;
        this.in = in;
        this.maxMessageBytes = maxMessageBytes;
        this.out = out;
        this.connection = connection;
    }

    /**
     * Answers one transfer request; false when the request is malformed, after telling the client
     * why (the connection then closes).
     */
    boolean answer(byte kind, int bodyLength) throws IOException {
        switch (kind) {
            case TcpProtocol.UPLOAD -> {
                in.skipNBytes(bodyLength);
                TcpProtocol.writeHeader(out, TcpProtocol.UPLOAD, 8);
                out.writeLong(bodyLength);
                return true;
            }
            case TcpProtocol.DOWNLOAD -> {
                int size = bodyLength == 4 ? in.readInt() : -1;
                if (size < 0 || size > maxMessageBytes) {
                    return refuse("download size " + size + " outside 0.." + maxMessageBytes);
                }
                TcpProtocol.writeHeader(out, TcpProtocol.DOWNLOAD, size);
                writePattern(0, size);
                return true;
            }
            case TcpProtocol.CHUNK -> {
                byte[] buffer = buffer(bodyLength);
                if (buffer == null) {
                    return refuse(limits.overBudget(bodyLength));
                }
                in.readFully(buffer, 0, bodyLength);
                connection.advance();
                crc.update(buffer, 0, bodyLength);
                uploadedBytes += bodyLength;
                uploadedChunks++;
                return true; // chunks are acknowledged once, by the receipt
            }
            case TcpProtocol.UPLOADED -> {
                TcpProtocol.writeHeader(out, TcpProtocol.UPLOADED, 24);
                out.writeLong(uploadedBytes);
                out.writeLong(uploadedChunks);
                out.writeLong(crc.getValue());
                crc.reset();
                uploadedBytes = 0;
                uploadedChunks = 0;
                return true;
            }
            case TcpProtocol.CHUNKS -> {
                if (bodyLength != 12) {
                    break;
                }
                long total = in.readLong();
                int chunkSize = in.readInt();
                if (total < 0 || chunkSize < 1 || chunkSize > maxMessageBytes) {
                    return refuse("transfer of " + total + " bytes in chunks of " + chunkSize
                            + ": chunk size outside 1.." + maxMessageBytes);
                }
                for (long sent = 0; sent < total; sent += chunkSize) {
                    int n = (int) Math.min(chunkSize, total - sent);
                    TcpProtocol.writeHeader(out, TcpProtocol.CHUNK, n);
                    writePattern(sent, n);
                    connection.advance();
                }
                TcpProtocol.writeHeader(out, TcpProtocol.END, 8);
                out.writeLong(total);
                return true;
            }
            default -> {
                // reported below
            }
        }
        return refuse("malformed request: kind " + kind + " with " + bodyLength + " body bytes");
    }

    private boolean refuse(String why) throws IOException {
        TcpProtocol.writeError(out, why);
        return false;
    }

    private void writePattern(long offset, int length) throws IOException {
        byte[] buffer = buffer(Math.min(length, TcpProtocol.BUFFER_BYTES));
        for (int done = 0; done < length; done += buffer.length) {
            int n = Math.min(buffer.length, length - done);
            TransferPattern.fill(buffer, 0, n, offset + done);
            out.write(buffer, 0, n);
            connection.advance();
        }
    }

    /**
     * A reusable buffer of at least {@code size} bytes (size is already bounded by the maximum);
     * null when the server's budget cannot hold one larger than the stream buffers. What it holds
     * above {@link TcpProtocol#BUFFER_BYTES} is counted in the budget until {@link #close()}.
     */
    private byte[] buffer(int size) {
        if (chunk.length < size) {
            long taken = size > TcpProtocol.BUFFER_BYTES ? limits.reserve(size) : 0;
            if (taken < 0) {
                return null;
            }
            limits.release(chunkTaken);
            chunkTaken = taken;
            chunk = new byte[size];
        }
        return chunk;
    }

    /** The connection ended: its buffer's budget goes back. */
    void close() {
        limits.release(chunkTaken);
        chunkTaken = 0;
        chunk = new byte[0];
    }
}
