package rpcbench.rmi;

import java.rmi.Remote;
import java.rmi.RemoteException;

import rpcbench.api.Order;
import rpcbench.api.OrderSummary;

/**
 * The operations of {@link RmiService} with a bearer token ({@link rpcbench.api.CallAuth}) as every
 * call's first argument, object-RPC's idiom where there is no call metadata: the server exports this
 * interface beside the plain one only when it demands a token ({@link RmiGuardedService}), so that
 * a server without authentication hands out the same stub, and puts the same bytes on the wire, as
 * before. The token is a {@code byte[]}, the one class the deserialization filter admits besides the
 * message records. Sessions opened with a token (stream, upload, download) are remote objects that
 * only the opening call's client has been given: their pulls and pushes carry no token of their own.
 */
interface RmiAuthService extends Remote {

    int simpleCall(byte[] token, int value) throws RemoteException;

    byte[] echo(byte[] token, byte[] payload) throws RemoteException;

    OrderSummary message(byte[] token, Order order) throws RemoteException;

    RmiService.ValueStream openStream(byte[] token, int count) throws RemoteException;

    long upload(byte[] token, byte[] payload) throws RemoteException;

    byte[] download(byte[] token, int size) throws RemoteException;

    RmiService.UploadSession openUpload(byte[] token) throws RemoteException;

    RmiService.DownloadSession openDownload(byte[] token, long totalBytes, int chunkSize) throws RemoteException;
}
