package rpcbench.http;

import java.net.http.HttpRequest;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import rpcbench.api.CallAuth;

/**
 * HTTP's idiom for a bearer token ({@link CallAuth}, RFC 6750): every request of every client
 * (Jetty's, the JDK's, the load generator's Netty codec) carries {@code Authorization: Bearer ...},
 * and the server's handler checks it before it routes the request, so that no resource runs and no
 * body is read for a request without the right token: {@code 401} with
 * {@code WWW-Authenticate: Bearer} and the cause as its body. The connection serves on.
 */
final class HttpAuth {

    /** RFC 6750's challenge: the realm, and invalid_token for a token that is there but wrong. */
    private static final String CHALLENGE = "Bearer realm=\"rpc-bench\"";

    private HttpAuth() {
    }

    /** {@code request} with {@code bearer} ({@code Bearer <token>}) as its Authorization; unchanged when null. */
    static org.eclipse.jetty.client.Request jetty(org.eclipse.jetty.client.Request request, String bearer) {
        return bearer == null ? request : request.headers(h -> h.put(HttpHeader.AUTHORIZATION, bearer));
    }

    /** The JDK client's request with {@code bearer} as its Authorization; unchanged when null. */
    static HttpRequest.Builder jdk(HttpRequest.Builder request, String bearer) {
        return bearer == null ? request : request.header(HttpHeader.AUTHORIZATION.asString(), bearer);
    }

    /**
     * Answers 401 and returns true when {@code request} lacks the token {@code auth} demands; false
     * (nothing answered) when it may go on.
     */
    static boolean refused(CallAuth auth, Request request, Response response, Callback callback) {
        String refused = auth.checkBearer(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (refused == null) {
            return false;
        }
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, refused.equals(CallAuth.WRONG)
                ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE);
        RestHandler.reply(response, callback, HttpStatus.UNAUTHORIZED_401, "unauthenticated: " + refused);
        return true;
    }
}
