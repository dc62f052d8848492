package rpcbench.api.tls;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;

/**
 * Names the cause of a client setup that failed because client and server disagree about TLS,
 * in one line: a plaintext client against a TLS server, a TLS client against a plaintext server,
 * or a TLS client that does not trust the server's certificate. Frameworks report these as a
 * closed connection, a timeout or a nested handshake exception; where the failure alone does not
 * tell, one probe connection asks the server for a TLS handshake (and sends nothing else), which a
 * TLS server answers with its certificate.
 */
public final class TlsMismatch {

    private static final int PROBE_TIMEOUT_MILLIS = 3_000;
    private static final int MAX_DETAIL = 160;

    private TlsMismatch() {
    }

    /**
     * The failure of {@code transport}'s client setup against {@code server}, explained when TLS
     * is its cause; null when it is not (the server is down, or something else went wrong).
     */
    public static IOException explain(String transport, RpcSettings settings, Endpoint server, Throwable failure) {
        if (has(failure, ConnectException.class)) {
            return null; // nothing listens: not a question of TLS
        }
        String where = transport + ": setup against " + server + " failed: ";
        if (Tls.on(settings)) {
            if (untrusted(failure) || untrustedBy(settings, server)) { // a client library may lose the cause
                return new IOException(where + "the server's certificate is not the one this client trusts (-D" + Tls.TRUST
                        + " must be exactly the certificate that server printed): " + detail(failure), failure);
            }
            if (!speaksTls(server)) {
                return new IOException(where + "the server does not speak TLS and this client does (-D" + Tls.ENABLED
                        + "=true; is the server running without it?): " + detail(failure), failure);
            }
        } else if (speaksTls(server)) {
            return new IOException(where + "the server speaks TLS and this client does not (give the client -p tls=true"
                    + " or -D" + Tls.ENABLED + "=true): " + detail(failure), failure);
        }
        return null;
    }

    /** Whether {@code server} answers a TLS ClientHello with a handshake (its certificate). */
    public static boolean speaksTls(Endpoint server) {
        try (SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), PROBE_TIMEOUT_MILLIS);
            socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
            socket.startHandshake();
            return true; // a certificate the JDK's own CAs trust: TLS all the same
        } catch (SSLHandshakeException e) {
            return untrusted(e); // it sent a certificate the default trust store does not know
        } catch (IOException | java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether a handshake with this client's own trust ({@link TlsTrust}) fails on {@code server}'s certificate. */
    private static boolean untrustedBy(RpcSettings settings, Endpoint server) {
        try (SSLSocket socket = (SSLSocket) TlsTrust.clientContext(settings).getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), PROBE_TIMEOUT_MILLIS);
            socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
            socket.startHandshake();
            return false;
        } catch (SSLHandshakeException e) {
            return untrusted(e);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code failure} says the peer's certificate failed validation. */
    static boolean untrusted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof CertPathValidatorException || t instanceof CertificateException
                    || message.contains("pkix") || message.contains("certification path")
                    || message.contains("certificate_unknown") || message.contains("unknown_ca")) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The failure's own message, first line, shortened: what the framework said. */
    private static String detail(Throwable failure) {
        String text = String.valueOf(failure.getMessage());
        int newline = text.indexOf('\n');
        text = (newline >= 0 ? text.substring(0, newline) : text).trim();
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
    }
}
