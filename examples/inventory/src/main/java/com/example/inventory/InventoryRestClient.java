package com.example.inventory;

import java.io.IOException;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import rpcbench.api.Endpoint;

/**
 * The inventory's REST client: Jetty's HttpClient (as rpc-bench's http transport uses by default),
 * one persistent connection with TCP_NODELAY, Jackson for the JSON, a timeout on every exchange.
 */
final class InventoryRestClient implements InventoryClient {

    private final HttpClient http;
    private final String base;
    private final long timeoutMillis;

    InventoryRestClient(Endpoint server, long timeoutMillis) throws IOException {
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setTCPNoDelay(true);
        http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setMaxConnectionsPerDestination(1);
        http.setUserAgentField(null);
        http.getContentDecoderFactories().clear();
        try {
            http.start();
        } catch (Exception e) {
            throw new IOException("inventory-http: HttpClient did not start: " + e, e);
        }
        this.base = "http://" + server + "/";
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Inventory.Item lookup(String sku) {
        return send(http.newRequest(base + "items/" + sku), Inventory.Item.class);
    }

    @Override
    public Inventory.Quote quote(String sku, int quantity) {
        try {
            String body = InventoryRestServer.JSON.writeValueAsString(new InventoryRestServer.QuoteRequest(sku, quantity));
            return send(http.newRequest(base + "quotes").method(HttpMethod.POST)
                    .body(new StringRequestContent("application/json", body)), Inventory.Quote.class);
        } catch (IOException e) {
            throw new IllegalStateException("inventory-http: " + e, e);
        }
    }

    /** The answer as {@code type}, or the server's refusal as the domain's exception. */
    private <T> T send(Request request, Class<T> type) {
        try {
            ContentResponse r = request.timeout(timeoutMillis, TimeUnit.MILLISECONDS).send();
            if (r.getStatus() == 200) {
                return InventoryRestServer.JSON.readValue(r.getContent(), type);
            }
            Object error = InventoryRestServer.JSON.readValue(r.getContent(), Map.class).get("error");
            switch (r.getStatus()) {
                case 400 -> throw new IllegalArgumentException(String.valueOf(error));
                case 404 -> throw new NoSuchElementException(String.valueOf(error));
                default -> throw new IllegalStateException("inventory-http: HTTP " + r.getStatus() + ": " + error);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("inventory-http: interrupted", e);
        } catch (Exception e) {
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("inventory-http: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            System.err.println("inventory-http: client stop failed: " + e);
        }
    }
}
