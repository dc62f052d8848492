package rpcbench.api.tls;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import rpcbench.api.RpcSettings;
import rpcbench.api.Setting;

/**
 * Whether clients and servers talk TLS ({@link #ENABLED}, what the benchmarks' {@code -p tls}
 * becomes), and what a client trusts ({@link #TRUST}). Each server makes its own key and
 * self-signed certificate when it starts ({@link TlsIdentity}) and prints the certificate on its
 * control channel ({@code TRUST <base64>}, before {@code READY}), so that the launcher, also across
 * an ssh prefix, hands its clients exactly that one certificate to trust ({@link TlsTrust}) and no
 * key is ever written anywhere but a temporary folder deleted at once.
 *
 * <p>ZeroMQ has no TLS: the same two settings switch on its CURVE security, and {@link #TRUST}
 * is then the server's CURVE public key.
 */
public final class Tls {

    /** The protocol every TLS client and server is held to (the JDK 17 default one negotiates). */
    public static final String PROTOCOL = "TLSv1.3";

    /** Whether clients and servers use TLS (ZeroMQ: CURVE). Default false. */
    public static final Setting<Boolean> ENABLED = Setting.flag("rpcbench.tls", false,
            "clients and servers talk TLS 1.3 with a certificate each server makes at its start (ZeroMQ: CURVE,"
                    + " not TLS); the benchmarks' -p tls");

    /**
     * What a TLS client trusts: the one certificate (base64 DER) its server printed in its
     * {@code TRUST} line; ZeroMQ: the server's CURVE public key (Z85). Set by the launcher for every
     * server it starts; give it only for a server already running (it prints the line). Default: none.
     */
    public static final Setting<String> TRUST = Setting.text("rpcbench.tls.trust", "", "none",
            "the certificate (base64 DER) or CURVE key (Z85) a TLS client trusts, as its server printed it in its"
                    + " TRUST line; the launcher sets it for the servers it starts");

    /**
     * Whether a client's new connections may resume an earlier TLS session (TLS 1.3 PSK) of clients
     * made with the same trust: they then share one session cache, as one long-lived client of a
     * framework does. Default false: every client has its own context and makes a full handshake.
     * ConnectBenchmark's {@code -p handshake=resumed} sets it.
     */
    public static final Setting<Boolean> RESUME = Setting.flag("rpcbench.tls.resume", false,
            "TLS clients made with the same trust share one session cache, so a new connection resumes a session"
                    + " (ConnectBenchmark's -p handshake=resumed); false: each makes a full handshake");

    private Tls() {
    }

    /** Whether {@code settings} ask for TLS. */
    public static boolean on(RpcSettings settings) {
        return settings.get(ENABLED);
    }

    /**
     * What a client of {@code settings} trusts.
     *
     * @throws IllegalArgumentException in one line when TLS is on and no trust was given
     */
    public static String trustText(RpcSettings settings) {
        String text = settings.get(TRUST).trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("-D" + ENABLED + "=true needs -D" + TRUST + ": the certificate or key the"
                    + " server printed in its TRUST line (benchmarks.jar sets it for the servers it starts)");
        }
        return text;
    }

    /** {@code parameters} held to {@link #PROTOCOL}. */
    public static SSLParameters only13(SSLParameters parameters) {
        parameters.setProtocols(new String[] {PROTOCOL});
        return parameters;
    }

    /** {@code TLSv1.3 TLS_AES_256_GCM_SHA384}: what a handshake negotiated, for logs and env.json. */
    public static String describe(SSLSession session) {
        return session.getProtocol() + " " + session.getCipherSuite();
    }
}
