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

    /**
     * The high-water marks of a CURVE socket, in messages, both ways: above every bound rpc-bench
     * puts on what a peer may have unread (4096 calls in flight, 1024 load calls per connection,
     * windows of 500 chunks or values). Sending: the I/O thread encrypts every message, so requests
     * and replies queue where plaintext ones would already be on the wire, and at the default of
     * 1000 a client with 4096 calls in flight was refused at its send mark. Receiving: a full
     * receive pipe must never happen, because when it does, JeroMQ 0.6.0
     * (and its master, December 2026) hands the application the next message undecoded. Its
     * StreamEngine.decodeAndPush decrypts into a new Msg, and when the session refuses that one
     * (EAGAIN, the pipe at its mark) it retries later with pushOneThenDecodeAndPush on the decoder's
     * message, the still encrypted CURVE MESSAGE command: libzmq decrypts in place, so its retry
     * pushes the plaintext. rpc-bench saw it as a 38-byte frame (7 + "MESSAGE", an 8-byte nonce,
     * a 17-byte box around a 5-byte header) in a stream of 1000 values; jeromq issue #1009 is
     * likely the same. Value streams over CURVE are paced by credits for the same reason.
     */
    static final int HWM = 10_000;

    private ZeroMqCurve() {
    }

    /** A new server key pair, its public key being what clients are given to trust. */
    static ZMQ.Curve.KeyPair serverKeys() {
        return ZMQ.Curve.generateKeyPair();
    }

    /** Makes {@code router} a CURVE server with {@code keys}. */
    static void serve(ZMQ.Socket router, ZMQ.Curve.KeyPair keys) {
        router.setRcvHWM(HWM);
        router.setSndHWM(HWM);
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
        dealer.setRcvHWM(HWM);
        dealer.setSndHWM(HWM);
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
