package rpcbench.rmi;

import java.rmi.AccessException;
import java.rmi.RemoteException;

import rpcbench.api.CallAuth;
import rpcbench.api.Order;
import rpcbench.api.OrderSummary;

/**
 * The service as a server that demands a token exports it: every {@link RmiAuthService} call checks
 * its token before it reaches {@link RmiServiceImpl}, and every plain {@link RmiService} call (a
 * client without a token) is refused. A refusal is an {@link AccessException} naming the cause,
 * which RMI hands to the client as the call's exception; the server serves on.
 */
final class RmiGuardedService implements RmiService, RmiAuthService {

    private final RmiServiceImpl service;
    private final CallAuth auth;

    RmiGuardedService(RmiServiceImpl service, CallAuth auth) {
        this.service = service;
        this.auth = auth;
    }

    /** Refuses the call unless {@code token} is the one demanded: before anything of it is done. */
    private void check(byte[] token) throws AccessException {
        String refused = auth.check(token);
        if (refused != null) {
            service.refused(); // what the call's array took from the budget goes back
            throw new AccessException("unauthenticated: " + refused);
        }
    }

    @Override
    public int simpleCall(byte[] token, int value) throws RemoteException {
        check(token);
        return service.simpleCall(value);
    }

    @Override
    public byte[] echo(byte[] token, byte[] payload) throws RemoteException {
        check(token);
        return service.echo(payload);
    }

    @Override
    public OrderSummary message(byte[] token, Order order) throws RemoteException {
        check(token);
        return service.message(order);
    }

    @Override
    public ValueStream openStream(byte[] token, int count) throws RemoteException {
        check(token);
        return service.openStream(count);
    }

    @Override
    public long upload(byte[] token, byte[] payload) throws RemoteException {
        check(token);
        return service.upload(payload);
    }

    @Override
    public byte[] download(byte[] token, int size) throws RemoteException {
        check(token);
        return service.download(size);
    }

    @Override
    public UploadSession openUpload(byte[] token) throws RemoteException {
        check(token);
        return service.openUpload();
    }

    @Override
    public DownloadSession openDownload(byte[] token, long totalBytes, int chunkSize) throws RemoteException {
        check(token);
        return service.openDownload(totalBytes, chunkSize);
    }

    // A client without a token calls the plain interface: each call is refused as missing its token.

    @Override
    public int simpleCall(int value) throws RemoteException {
        check(null);
        return 0;
    }

    @Override
    public byte[] echo(byte[] payload) throws RemoteException {
        check(null);
        return null;
    }

    @Override
    public OrderSummary message(Order order) throws RemoteException {
        check(null);
        return null;
    }

    @Override
    public ValueStream openStream(int count) throws RemoteException {
        check(null);
        return null;
    }

    @Override
    public long upload(byte[] payload) throws RemoteException {
        check(null);
        return 0;
    }

    @Override
    public byte[] download(int size) throws RemoteException {
        check(null);
        return null;
    }

    @Override
    public UploadSession openUpload() throws RemoteException {
        check(null);
        return null;
    }

    @Override
    public DownloadSession openDownload(long totalBytes, int chunkSize) throws RemoteException {
        check(null);
        return null;
    }
}
