package rpcbench.api;

/**
 * What a server acknowledges after a chunked upload: how many bytes and chunks it received, and
 * the CRC-32 of the bytes in order, so the client can tell that nothing was lost, duplicated or
 * reordered.
 */
public record TransferReceipt(long bytes, long chunks, long crc32) {
}
