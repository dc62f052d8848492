package rpcbench.bench;

import java.util.List;

import rpcbench.api.CallAuth;
import rpcbench.api.RpcSettings;

/**
 * The benchmarks' {@code -p auth} ({@link ServerFixture#auth}): {@code none}, or {@code token}, a
 * bearer token made at random for each trial ({@link CallAuth#newToken()}) and handed to the server
 * process and to every client of the trial as {@link CallAuth#TOKEN}. Made inside the fork, it is on
 * no JMH command line and in no result file; it lives as long as the trial's server.
 */
public final class AuthParam {

    /** No authentication: the wire and every published figure as before the parameter existed. */
    public static final String NONE = "none";

    /** A bearer token with every call, checked by the server before it does anything. */
    public static final String TOKEN = "token";

    /** The values {@code -p auth} may take. */
    public static final List<String> VALUES = List.of(NONE, TOKEN);

    private AuthParam() {
    }

    /**
     * {@code settings} as this trial's clients get them: for {@code token} with a new token.
     *
     * @throws IllegalArgumentException for a value that is neither, naming both
     */
    public static RpcSettings settings(String auth, RpcSettings settings) {
        return switch (auth.trim()) {
            case NONE -> settings;
            case TOKEN -> settings.with(CallAuth.TOKEN, CallAuth.newToken());
            default -> throw new IllegalArgumentException("-p auth=" + auth + " is not one of " + String.join(", ", VALUES));
        };
    }

    /** {@code server} with the token of {@code client} (the trial's clients' settings), if they have one. */
    static RpcSettings serverSettings(RpcSettings client, RpcSettings server) {
        String token = client.get(CallAuth.TOKEN);
        return token == null ? server : server.with(CallAuth.TOKEN, token);
    }
}
