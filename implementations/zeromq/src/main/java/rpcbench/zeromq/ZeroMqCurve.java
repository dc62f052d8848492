package rpcbench.zeromq;

import java.io.IOException;

import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

import rpcbench.api.RpcSettings;
import rpcbench.api.tls.Tls;

/**
 * ZeroMQ's own security for {@code -p tls=true}: CURVE (CurveZMQ, JeroMQ's pure-Java
 * implementation), which is not TLS: no certificates, the client knows the server's public key
 * ({@link Tls#TRUST}, Z85, printed by the server at its start) and brings a key pair of its own; every
 * message is encrypted and authenticated. The server makes its key pair at its start; nothing is
 * written anywhere.
 */
final class ZeroMqCurve {


    private ZeroMqCurve() {
    }

    /** A new server key pair, its public key being what clients are given to trust. */
    static ZMQ.Curve.KeyPair serverKeys() {
        return ZMQ.Curve.generateKeyPair();
    }

    /** Makes {@code router} a CURVE server with {@code keys}. */
    static void serve(ZMQ.Socket router, ZMQ.Curve.KeyPair keys) {
        router.setCurveServer(true);
        router.setCurvePublicKey(ZMQ.Curve.z85Decode(keys.publicKey));
        router.setCurveSecretKey(ZMQ.Curve.z85Decode(keys.secretKey));
    }

    /**
     * Makes {@code dealer} a CURVE client of the server whose key {@code settings} trust, with a key
     * pair of its own; nothing when {@code settings} ask for no security.
     *
     * @throws IllegalArgumentException in one line when the trusted key is missing or not a Z85 CURVE key
     */
    static void connectAs(ZMQ.Socket dealer, RpcSettings settings) {
        if (!Tls.on(settings)) {
            return;
        }
        if (settings.get(Tls.RESUME)) {
            throw new IllegalArgumentException("zeromq's CURVE has no session resumption: every connection makes a full"
                    + " handshake (valid for zeromq: -p handshake=full)");
        }
        String serverKey = Tls.trustText(settings);
        if (serverKey.length() != ZMQ.Curve.KEY_SIZE_Z85) {
            throw new IllegalArgumentException("-D" + Tls.TRUST + " is not a zeromq CURVE public key (" + ZMQ.Curve.KEY_SIZE_Z85
                    + " Z85 characters): give the text of the server's TRUST line");
        }
        ZMQ.Curve.KeyPair own = ZMQ.Curve.generateKeyPair();
        dealer.setCurveServerKey(ZMQ.Curve.z85Decode(serverKey));
        dealer.setCurvePublicKey(ZMQ.Curve.z85Decode(own.publicKey));
        dealer.setCurveSecretKey(ZMQ.Curve.z85Decode(own.secretKey));
    }

    /**
     * Fails a setup whose security handshake failed, naming the cause: the monitor's handshake
     * failure (a mechanism mismatch: one side CURVE, the other not), or the server closing the
     * connection before any reply {@code disconnects} times. JeroMQ reports a mismatch on the side
     * that detects it, often the server alone; the client then sees only the server hang up, again
     * on every reconnection. Twice, because a single hang-up can be JeroMQ's own handshake timer
     * ({@link ZeroMqLink}) retrying a connection that then succeeds; a CURVE client whose first
     * hang-up's notice arrives as its reply is named by {@link ZeroMqClient#setup}.
     */
    static void checkHandshake(ZEvent event, int disconnects, boolean curve, String endpoint) throws IOException {
        ZMonitor.Event kind = event.getEvent();
        boolean failed = kind == ZMonitor.Event.HANDSHAKE_FAILED_PROTOCOL || kind == ZMonitor.Event.HANDSHAKE_FAILED_NO_DETAIL
                || kind == ZMonitor.Event.HANDSHAKE_FAILED_AUTH;
        String where = "zeromq: setup against " + endpoint + " failed: ";
        if (!failed && disconnects < 2) {
            return;
        }
        String seen = failed ? kind + " " + event.getValue() : "the server hung up " + disconnects + " times";
        throw new IOException(where + (curve
                ? "the CURVE handshake failed (" + seen + "): the server does not use CURVE security and this client does"
                        + " (a server without -p tls=true), or -D" + Tls.TRUST + " is not that server's CURVE public key"
                : "the ZMTP handshake failed (" + seen + "): the server uses CURVE security and this client does not"
                        + " (give the client -p tls=true or -D" + Tls.ENABLED + "=true)"));
    }
}
