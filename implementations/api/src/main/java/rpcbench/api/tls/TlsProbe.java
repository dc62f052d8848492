package rpcbench.api.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * One TLS handshake over loopback between a JDK server with a certificate made as every server's is
 * ({@link TlsIdentity}) and a JDK client that trusts it ({@link TlsTrust}), both held to
 * {@link Tls#PROTOCOL}: what this JDK negotiates by default, for env.json. The servers print
 * their own first handshake ({@link TlsLog}), whatever their provider.
 */
public final class TlsProbe {

    private static final int TIMEOUT_MILLIS = 10_000;

    private TlsProbe() {
    }

    /** {@code TLSv1.3 TLS_AES_256_GCM_SHA384}, or why the probe failed. */
    public static String jdkDefault() {
        try {
            TlsIdentity identity = TlsIdentity.generate(InetAddress.getLoopbackAddress());
            try (SSLServerSocket listener = (SSLServerSocket) identity.serverContext().getServerSocketFactory()
                    .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                listener.setSSLParameters(Tls.only13(listener.getSSLParameters()));
                listener.setSoTimeout(TIMEOUT_MILLIS);
                Thread server = new Thread(() -> { // a thread of its own: the common pool may have none to spare
                    try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                        accepted.setSoTimeout(TIMEOUT_MILLIS);
                        accepted.startHandshake();
                        accepted.getInputStream().read(); // until the client closes
                    } catch (IOException e) {
                        // the client's close ends it
                    }
                }, "rpcbench-tls-probe");
                server.setDaemon(true);
                server.start();
                TlsTrust trust = TlsTrust.of(rpcbench.api.RpcSettings.defaults().with(Tls.TRUST, identity.trustText()));
                try (SSLSocket client = (SSLSocket) trust.clientContext().getSocketFactory().createSocket()) {
                    client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                            TIMEOUT_MILLIS);
                    client.setSoTimeout(TIMEOUT_MILLIS);
                    client.setSSLParameters(Tls.only13(client.getSSLParameters()));
                    client.startHandshake();
                    return Tls.describe(client.getSession());
                }
            }
        } catch (Exception e) {
            return "probe failed: " + e;
        }
    }
}
