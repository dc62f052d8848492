package rpcbench.rmi;

import java.io.InputStream;
import java.io.OutputStream;
import java.rmi.RemoteException;
import java.util.Arrays;

import rpcbench.api.CallersOwn;
import rpcbench.api.RpcException;
import rpcbench.api.TransferReceipt;

/**
 * The client's side of chunked transfers, in RMI's idiom of remote session objects: an upload pushes
 * each chunk to the server's {@link RmiService.UploadSession} with one synchronous call, a download
 * pulls each chunk from its {@link RmiService.DownloadSession} with one. A call returns only when the
 * server has taken (or produced) its chunk, so there is never more than one chunk in flight: the
 * strictest backpressure, at the price of a round trip per chunk, which is what RMI's synchronous
 * calls cost. A session the client gives up on is closed, so the server releases it at once.
 */
final class RmiTransfers {

    private RmiTransfers() {
    }

    /** Reads {@code source} in chunks of {@code chunkSize} and pushes each; returns the server's receipt. */
    static TransferReceipt uploadStream(RmiService service, InputStream source, int chunkSize)
            throws RemoteException, CallersOwn {
        RmiService.UploadSession session = service.openUpload();
        try {
            // RMI serializes an argument during the call, so one buffer serves every full chunk.
            byte[] chunk = new byte[chunkSize];
            for (int n = CallersOwn.read(source, chunk); n > 0; n = CallersOwn.read(source, chunk)) {
                session.write(n == chunk.length ? chunk : Arrays.copyOf(chunk, n));
            }
            long[] receipt = session.finish();
            if (receipt.length != 3) {
                throw new RpcException("rmi: upload receipt of " + receipt.length + " numbers instead of 3");
            }
            return new TransferReceipt(receipt[0], receipt[1], receipt[2]);
        } catch (CallersOwn | RemoteException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** Pulls {@code totalBytes} in chunks of {@code chunkSize} and writes each to {@code sink} as it arrives. */
    static long downloadStream(RmiService service, long totalBytes, int chunkSize, OutputStream sink)
            throws RemoteException, CallersOwn {
        RmiService.DownloadSession session = service.openDownload(totalBytes, chunkSize);
        long arrived = 0;
        try {
            while (session != null && arrived < totalBytes) {
                byte[] chunk = session.next();
                long due = Math.min(chunkSize, totalBytes - arrived);
                if (chunk.length != due) {
                    throw new RpcException("rmi: server sent a chunk of " + chunk.length + " bytes where " + due
                            + " were due (" + arrived + " of " + totalBytes + " arrived)");
                }
                arrived += chunk.length;
                CallersOwn.write(sink, chunk, chunk.length);
            }
            if (session == null && totalBytes != 0) {
                throw new RpcException("rmi: server opened no download for " + totalBytes + " bytes");
            }
            return arrived;
        } catch (CallersOwn | RemoteException | RuntimeException e) {
            if (arrived < totalBytes) {
                closeQuietly(session); // the server releases a finished download by itself
            }
            throw e;
        }
    }

    /** Ends a session the client gives up on; a failure here changes nothing for the caller. */
    static void closeQuietly(RmiService.Session session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (RemoteException | RuntimeException e) {
            // The session ended or the server is gone; its lease lapses on its own.
        }
    }
}
