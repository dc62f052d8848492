package rpcbench.api.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import rpcbench.api.RpcSettings;

/**
 * What a TLS client trusts: exactly the one certificate its server printed ({@link Tls#TRUST}),
 * as the only trust anchor of a PKIX trust manager: no system CA, no trust-all.
 */
public final class TlsTrust {

    /** The contexts shared by clients that may resume each other's sessions ({@link Tls#RESUME}), by trust. */
    private static final ConcurrentMap<String, SSLContext> SHARED = new ConcurrentHashMap<>();

    private final X509Certificate certificate;

    private TlsTrust(X509Certificate certificate) {
        this.certificate = certificate;
    }

    /**
     * The trust {@code settings} give ({@link Tls#trustText}).
     *
     * @throws IllegalArgumentException in one line when none is given or it is not a certificate
     */
    public static TlsTrust of(RpcSettings settings) {
        String text = Tls.trustText(settings);
        try {
            byte[] der = Base64.getDecoder().decode(text);
            return new TlsTrust((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("-D" + Tls.TRUST + " is not a base64 DER certificate (" + e.getMessage()
                    + "): give the text of the server's TRUST line");
        }
    }

    /**
     * The JDK client context of a client made with {@code settings}: a new one (a full handshake on
     * each connection), or with {@link Tls#RESUME} the one shared by every client of the same trust.
     */
    public static SSLContext clientContext(RpcSettings settings) {
        TlsTrust trust = of(settings);
        return settings.get(Tls.RESUME) ? SHARED.computeIfAbsent(Tls.trustText(settings), t -> trust.clientContext())
                : trust.clientContext();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A key store holding only the trusted certificate (for frameworks that take a trust store: Jetty). */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("rpcbench-server", certificate);
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("trust store: " + e, e);
        }
    }

    /**
     * A new JDK client context trusting only this certificate. Each context has its own session
     * cache: connections made from one context may resume its sessions, those from another may not.
     */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK TLS client context: " + e, e);
        }
    }
}
