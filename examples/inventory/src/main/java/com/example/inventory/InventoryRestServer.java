package com.example.inventory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import rpcbench.api.AppServer;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;

/**
 * The inventory as REST with JSON (Jetty 12 core handler, Jackson): {@code GET /items/SKU} and
 * {@code POST /quotes} with {@code {"sku":..,"quantity":..}}; a refusal is 400 or 404 with
 * {@code {"error":..}}. Set up as rpc-bench's own REST server is (one connector, TCP_NODELAY, no Server
 * and Date headers). rpc-bench's harness runs it in its own process as {@code inventory-http} ({@link App}).
 */
public final class InventoryRestServer extends Handler.Abstract implements RpcServer {

    /** Registered in META-INF/services/rpcbench.api.AppServer. */
    public static final class App extends AppServer.Registration {
        public App() {
            super("inventory", "http", InventoryRestServer::new);
        }
    }

    /** The body of {@code POST /quotes}. */
    record QuoteRequest(String sku, int quantity) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 4096;
    private final Inventory inventory = new Inventory();
    private final RpcSettings settings;
    private Server server;

    InventoryRestServer(RpcSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String path = Request.getPathInContext(request);
        try {
            if (path.startsWith("/items/") && HttpMethod.GET.is(request.getMethod())) {
                return reply(response, callback, 200, inventory.lookup(path.substring("/items/".length())));
            }
            if (path.equals("/quotes") && HttpMethod.POST.is(request.getMethod())) {
                byte[] body = Content.Source.asInputStream(request).readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    return reply(response, callback, 413, error("a quote request is at most " + MAX_BODY_BYTES + " bytes"));
                }
                QuoteRequest q = JSON.readValue(body, QuoteRequest.class);
                return reply(response, callback, 200, inventory.quote(q.sku(), q.quantity()));
            }
            return reply(response, callback, 404, error("no resource " + request.getMethod() + " " + path
                    + " (valid: GET /items/SKU, POST /quotes)"));
        } catch (IllegalArgumentException e) {
            return reply(response, callback, 400, error(e.getMessage()));
        } catch (JacksonException e) {
            return reply(response, callback, 400, error("malformed quote request: " + e.getOriginalMessage()
                    + " (valid: {\"sku\":\"SKU-0042\",\"quantity\":3})"));
        } catch (NoSuchElementException e) {
            return reply(response, callback, 404, error(e.getMessage()));
        }
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    private static boolean reply(Response response, Callback callback, int status, Object body) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(body)), callback);
        return true;
    }

    @Override
    public int start(InetAddress address, int port) throws IOException {
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(address.getHostAddress());
        connector.setPort(port);
        connector.setAcceptedTcpNoDelay(true);
        connector.setIdleTimeout(settings.idleTimeoutMillis());
        server.addConnector(connector);
        server.setHandler(this);
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException("inventory-http: Jetty did not start: " + e, e);
        }
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            System.err.println("inventory-http: stop failed: " + e);
        }
    }
}
