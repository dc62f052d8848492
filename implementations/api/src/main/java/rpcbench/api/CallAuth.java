package rpcbench.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Per-call authentication with a bearer token ({@link #TOKEN}): a client given one sends it with
 * every call, each framework in its own idiom (gRPC metadata, an HTTP Authorization header, a field
 * of each frame or message), and a server given one checks it before it does anything else and
 * refuses a call whose token is missing or wrong with the framework's own error, naming the cause
 * ({@link #MISSING}, {@link #WRONG}). A server without a token takes every call, as before this
 * setting existed, and ignores a token it is sent; a client without one sends nothing new, so the
 * bytes on the wire are those of a run without authentication.
 *
 * <p>The comparison takes the same time whichever byte differs ({@link MessageDigest#isEqual}), so
 * the token cannot be found a byte at a time by timing refusals. The benchmarks make a token per
 * trial ({@link #newToken()}); it is never written to a result or a log ({@link Setting#secret}).
 */
public final class CallAuth {

    /** The scheme of the Authorization header and of gRPC's authorization metadata (RFC 6750). */
    public static final String BEARER = "Bearer ";

    /**
     * The bearer token every call carries and every server demands. Default: none (no
     * authentication). The benchmarks' {@code -p auth=token} sets it per trial, to a new random one.
     */
    public static final Setting<String> TOKEN = Setting.secret("rpcbench.auth.token",
            "16 to 255 characters of A-Z a-z 0-9 - . _ ~ + / (an RFC 6750 token)",
            text -> CallAuth.isWellFormed(text) ? text : null,
            "bearer token sent with every call and demanded by servers (the benchmarks' -p auth=token makes one per"
                    + " trial); none: no authentication");

    /** Why a call without a token was refused: the server's error says this. */
    public static final String MISSING = "missing bearer token (" + TOKEN.name() + ")";

    /** Why a call with another token was refused. */
    public static final String WRONG = "wrong bearer token (" + TOKEN.name() + ")";

    /** Refusals a server logs, one line each, before it only counts them (a flood cannot fill its log). */
    static final int LOGGED_REFUSALS = 10;

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._~+/-]{16,255}");
    private static final CallAuth NONE = new CallAuth(null, "none");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] expected;
    private final String transport;
    private final AtomicLong refusals = new AtomicLong();

    private CallAuth(byte[] expected, String transport) {
        this.expected = expected;
        this.transport = transport;
    }

    /** A new random token: 32 bytes of {@link SecureRandom}, base64url without padding (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code text} is a token this setting accepts (it then fits every transport's field). */
    public static boolean isWellFormed(String text) {
        return WELL_FORMED.matcher(text).matches();
    }

    /** The token a client of {@code settings} sends, as bytes; null when it sends none. */
    public static byte[] clientToken(RpcSettings settings) {
        String token = settings.get(TOKEN);
        return token == null ? null : token.getBytes(StandardCharsets.US_ASCII);
    }

    /** The Authorization header's value a client of {@code settings} sends; null when it sends none. */
    public static String clientBearer(RpcSettings settings) {
        String token = settings.get(TOKEN);
        return token == null ? null : BEARER + token;
    }

    /** The check of {@code transport}'s server made with {@code settings}: none when no token is set. */
    public static CallAuth server(String transport, RpcSettings settings) {
        String token = settings.get(TOKEN);
        return token == null ? NONE : new CallAuth(token.getBytes(StandardCharsets.US_ASCII), transport);
    }

    /** Whether this server demands a token. */
    public boolean required() {
        return expected != null;
    }

    /**
     * Null when a call presenting {@code presented} (null: none) may go on; otherwise why not
     * ({@link #MISSING} or {@link #WRONG}), which the server sends back as its error. A server that
     * demands no token lets every call go on.
     */
    public String check(byte[] presented) {
        if (expected == null) {
            return null;
        }
        String refused = presented == null ? MISSING : MessageDigest.isEqual(expected, presented) ? null : WRONG;
        if (refused != null) {
            logRefusal(refused);
        }
        return refused;
    }

    /** {@link #check(byte[])} of an Authorization header's value (null: none); another scheme counts as missing. */
    public String checkBearer(String authorization) {
        if (expected == null) {
            return null;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return check(null);
        }
        return check(authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** One line per refusal, the first {@link #LOGGED_REFUSALS} of them; then a count now and then. */
    private void logRefusal(String why) {
        long n = refusals.incrementAndGet();
        if (n <= LOGGED_REFUSALS) {
            System.err.println(transport + " server: refused a call: " + why
                    + (n == LOGGED_REFUSALS ? "; further refusals are counted, not logged" : ""));
        } else if (Long.bitCount(n) == 1) { // 16, 32, 64...: a bounded log whatever a client sends
            System.err.println(transport + " server: " + n + " calls refused so far for a missing or wrong token");
        }
    }
}
