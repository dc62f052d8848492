package rpcbench.http;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;

import rpcbench.api.CallAuth;
import rpcbench.api.CallPool;
import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsTrust;

/**
 * Open-loop load over N persistent HTTP/1.1 connections of one Jetty {@code HttpClient}, as a
 * Jetty user with N connections to one server has them: every call is an asynchronous
 * {@code POST /simple-call}; the client's selector and small thread pool read the answers, and
 * Jetty queues a call until one of its N connections is free (HTTP/1.1: one exchange per
 * connection at a time). The N connections are opened before the load starts.
 */
final class JettyCallPool implements CallPool {

    /** Small: the load generator may have one CPU, and Jetty's client reads answers on its selector. */
    private static final int THREADS = 4;

    private final HttpClient client;
    private final URI uri;
    private final int timeoutMillis;
    private final int connections;
    /** Every request's Authorization ({@link HttpAuth}); null: none. */
    private final String bearer;

    private JettyCallPool(HttpClient client, URI uri, int timeoutMillis, int connections, String bearer) {
        this.bearer = bearer;
        this.client = client;
        this.uri = uri;
        this.timeoutMillis = timeoutMillis;
        this.connections = connections;
    }

    static JettyCallPool connect(RpcSettings settings, Endpoint server, int connections) throws IOException {
        int timeoutMillis = settings.callTimeoutMillis();
        boolean tls = Tls.on(settings);
        HttpClient client = JettyClients.newClient("http-jetty-load", THREADS, connections, timeoutMillis,
                tls ? TlsTrust.clientContext(settings) : null);
        client.setMaxRequestsQueuedPerDestination(1 << 20); // bounded by the load generator's calls in flight
        URI uri = URI.create((tls ? "https://" : "http://") + server + RestProtocol.SIMPLE_CALL);
        JettyCallPool pool = new JettyCallPool(client, uri, timeoutMillis, connections, CallAuth.clientBearer(settings));
        try {
            client.start();
            client.resolveDestination(client.newRequest(uri)).getConnectionPool().preCreateConnections(connections)
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            pool.check(server);
            return pool;
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw e;
        } catch (Exception e) {
            pool.close();
            throw new IOException("http/jetty: no " + connections + " connection(s) to " + server + ": " + e, e);
        }
    }

    /** One real round trip, as a client's setup makes. */
    private void check(Endpoint server) throws IOException {
        CompletableFuture<Integer> first = new CompletableFuture<>();
        start(0, 0, (answer, failure) -> {
            if (failure != null) {
                first.completeExceptionally(failure);
            } else {
                first.complete(answer);
            }
        });
        try {
            int answer = first.get(timeoutMillis + 1000L, TimeUnit.MILLISECONDS);
            if (answer != 1) {
                throw new IOException("http server at " + server + " answered the first call " + answer);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("http/jetty: no working server at " + server + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("http/jetty: interrupted", e);
        }
    }

    @Override
    public void start(int connection, int value, Outcome outcome) {
        // Jetty chooses the connection: with N connections and HTTP/1.1, a free one, or the queue.
        try {
            Request request = HttpAuth.jetty(client.newRequest(uri), bearer).method(HttpMethod.POST).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .body(new BytesRequestContent(RestProtocol.JSON, RestProtocol.encodeValue(value)));
            request.send(new BufferingResponseListener(RestProtocol.SMALL_BODY_LIMIT) {
                @Override
                public void onComplete(org.eclipse.jetty.client.Result result) {
                    if (result.isFailed()) {
                        outcome.completed(0, new RpcException("http/jetty: simpleCall failed: " + result.getFailure(),
                                result.getFailure()));
                    } else if (result.getResponse().getStatus() != 200) {
                        outcome.completed(0, new RpcException("http/jetty: simpleCall answered HTTP "
                                + result.getResponse().getStatus()));
                    } else {
                        try {
                            outcome.completed(RestProtocol.decodeValue(getContent()), null);
                        } catch (IOException | RuntimeException e) {
                            outcome.completed(0, new RpcException("http/jetty: simpleCall answer unreadable: " + e, e));
                        }
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            outcome.completed(0, new RpcException("http/jetty: simpleCall could not start: " + e, e));
        }
    }

    @Override
    public void runUntil(long deadlineNanos) {
        CallPool.sleepUntil(deadlineNanos); // Jetty's own threads read the answers
    }

    @Override
    public String describe() {
        return "one Jetty HttpClient with " + connections + " persistent HTTP/1.1 connection(s), asynchronous requests,"
                + " answers on its selector and a pool of " + THREADS + " threads";
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // closing anyway: its threads are daemons
        }
    }
}
