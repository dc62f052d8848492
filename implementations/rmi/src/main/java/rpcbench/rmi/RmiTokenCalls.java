package rpcbench.rmi;

import java.io.IOException;
import java.rmi.Remote;
import java.rmi.RemoteException;

import rpcbench.api.CallAuth;
import rpcbench.api.Endpoint;
import rpcbench.api.Order;
import rpcbench.api.OrderSummary;

/**
 * The client's side of {@link RmiAuthService}: the plain {@link RmiService} calls, each made on the
 * token-taking stub with the client's token as its first argument, so that the rest of the client
 * calls one interface either way. A local object, never exported.
 */
final class RmiTokenCalls implements RmiService {

    private final RmiAuthService stub;
    private final byte[] token;

    private RmiTokenCalls(RmiAuthService stub, byte[] token) {
        this.stub = stub;
        this.token = token;
    }

    /**
     * The calls of {@code found} (the registry's stub) with {@code token}.
     *
     * @throws IOException in one line when the server takes no token (its stub has no {@link RmiAuthService})
     */
    static RmiService of(Remote found, byte[] token, Endpoint server) throws IOException {
        if (!(found instanceof RmiAuthService stub)) {
            throw new IOException("rmi: the server at " + server + " takes no token (it was started without "
                    + CallAuth.TOKEN + "); a client for it has none either");
        }
        return new RmiTokenCalls(stub, token);
    }

    @Override
    public int simpleCall(int value) throws RemoteException {
        return stub.simpleCall(token, value);
    }

    @Override
    public byte[] echo(byte[] payload) throws RemoteException {
        return stub.echo(token, payload);
    }

    @Override
    public OrderSummary message(Order order) throws RemoteException {
        return stub.message(token, order);
    }

    @Override
    public ValueStream openStream(int count) throws RemoteException {
        return stub.openStream(token, count);
    }

    @Override
    public long upload(byte[] payload) throws RemoteException {
        return stub.upload(token, payload);
    }

    @Override
    public byte[] download(int size) throws RemoteException {
        return stub.download(token, size);
    }

    @Override
    public UploadSession openUpload() throws RemoteException {
        return stub.openUpload(token);
    }

    @Override
    public DownloadSession openDownload(long totalBytes, int chunkSize) throws RemoteException {
        return stub.openDownload(token, totalBytes, chunkSize);
    }
}
