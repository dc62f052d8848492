package rpcbench.api.tls;

import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSession;

/**
 * The one line a TLS server prints about what its first handshake negotiated (protocol, cipher
 * suite, provider), on its log, once per server process.
 */
public final class TlsLog {

    /** How the line starts, so that a launcher can find it in a server's log. */
    public static final String PREFIX = "server: TLS negotiated ";

    private static final AtomicBoolean PRINTED = new AtomicBoolean();

    private TlsLog() {
    }

    /** Prints {@code server: TLS negotiated TLSv1.3 TLS_AES_256_GCM_SHA384 (tcp, SunJSSE)} the first time only. */
    public static void firstHandshake(String transport, String provider, SSLSession session) {
        if (session != null && PRINTED.compareAndSet(false, true)) {
            System.err.println(PREFIX + Tls.describe(session) + " (" + transport + ", " + provider + ")");
        }
    }
}
