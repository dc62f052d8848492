package rpcbench.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.rmi.AccessException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.server.ServerProcess;

/**
 * No client can change what the RMI server answers: from another process on the same machine (this
 * test JVM), a rebind of the service's name to an impostor, a bind and an unbind are all refused by
 * the registry, and a client that connects afterwards gets the real service.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RmiRegistryTest {

    /** Answers every simple call with -1000: what the impostor of the issue answered. */
    static final class Impostor implements RmiService {
        @Override public int simpleCall(int value) { return -1000; }
        @Override public byte[] echo(byte[] payload) { return payload; }
        @Override public rpcbench.api.OrderSummary message(rpcbench.api.Order order) { return null; }
        @Override public ValueStream openStream(int count) { return null; }
        @Override public long upload(byte[] payload) { return -1; }
        @Override public byte[] download(int size) { return new byte[0]; }
        @Override public UploadSession openUpload() { return null; }
        @Override public DownloadSession openDownload(long totalBytes, int chunkSize) { return null; }
    }

    /** RMI hands a server's RemoteException back wrapped in a ServerException. */
    private static void assertRefused(RemoteException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AccessException) {
                return;
            }
        }
        throw new AssertionError("not refused by the registry's access check", e);
    }

    @Test
    void noClientCanBindRebindOrUnbindTheServiceName() throws Exception {
        try (ServerProcess server = ServerProcess.start("rmi", RpcSettings.defaults())) {
            Registry registry = LocateRegistry.getRegistry(server.endpoint().host(), server.endpoint().port());
            Impostor impostor = new Impostor();
            RmiService stub = (RmiService) UnicastRemoteObject.exportObject(impostor, 0);
            try {
                assertRefused(assertThrows(RemoteException.class, () -> registry.rebind(RmiService.NAME, stub)));
                assertRefused(assertThrows(RemoteException.class, () -> registry.bind("other", stub)));
                assertRefused(assertThrows(RemoteException.class, () -> registry.unbind(RmiService.NAME)));
            } finally {
                UnicastRemoteObject.unexportObject(impostor, true);
            }
            assertTrue(server.isAlive());
            try (RpcImplementation client = new RmiTransport().connect(RpcSettings.defaults(), server.endpoint())) {
                assertEquals(42, client.simpleCall(41), "the real service answers, not an impostor");
            }
        }
    }
}
