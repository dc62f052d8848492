package com.example.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import rpcbench.api.AppServers;
import rpcbench.api.RpcSettings;
import rpcbench.server.ServerProcess;

/**
 * The inventory's servers run through rpc-bench's machinery as its transports' do: each in its own
 * process started by name ({@code READY}), answering {@code STATS}, serving the right answers, refusing
 * bad input with the domain's message and serving on, and gone after close.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InventoryServersTest {

    private static final Inventory EXPECTED = new Inventory();

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "http"})
    void servesThroughTheHarnessAndLeavesNoProcess(String transport) throws Exception {
        ServerProcess server = ServerProcess.start("inventory-" + transport, RpcSettings.defaults());
        try (InventoryClient client = InventoryClient.connect(transport, server.endpoint(), RpcSettings.defaults())) {
            assertEquals(EXPECTED.lookup("SKU-0042"), client.lookup("SKU-0042"));
            Inventory.Quote quote = client.quote("SKU-0420", 120);
            assertEquals(EXPECTED.quote("SKU-0420", 120), quote);
            assertEquals(10, quote.discountPercent());
            assertTrue(server.stats().cpuNanos() > 0);
        } finally {
            server.close();
        }
        assertFalse(server.isAlive());
        assertFalse(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "http"})
    void badInputGetsTheDomainsMessageAndTheServerServesOn(String transport) throws Exception {
        try (ServerProcess server = ServerProcess.start("inventory-" + transport, RpcSettings.defaults());
             InventoryClient client = InventoryClient.connect(transport, server.endpoint(), RpcSettings.defaults())) {
            IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class, () -> client.lookup("42"));
            assertTrue(malformed.getMessage().contains("malformed SKU '42' (valid: SKU- and four digits"),
                    malformed.getMessage());
            NoSuchElementException unknown = assertThrows(NoSuchElementException.class, () -> client.lookup("SKU-9999"));
            assertTrue(unknown.getMessage().contains("no item SKU-9999"), unknown.getMessage());
            IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                    () -> client.quote("SKU-0001", 0));
            assertTrue(tooMany.getMessage().contains("quantity 0 of SKU-0001 is not 1.."), tooMany.getMessage());
            assertEquals(EXPECTED.lookup("SKU-0007"), client.lookup("SKU-0007"));
            assertTrue(server.isAlive());
        }
    }

    @Test
    void malformedJsonAndUnknownResourcesAreRefusedNamingTheValidOnes() throws Exception {
        try (ServerProcess server = ServerProcess.start("inventory-http", RpcSettings.defaults())) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://" + server.endpoint() + "/";
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "quotes"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("malformed quote request") && bad.body().contains("valid:"), bad.body());
            HttpResponse<String> nowhere = http.send(HttpRequest.newBuilder(URI.create(base + "orders")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, nowhere.statusCode());
            assertTrue(nowhere.body().contains("valid: GET /items/SKU, POST /quotes"), nowhere.body());
        }
    }

    @Test
    void anUnknownServerIsRefusedNamingTheValidOnes() {
        IOException e = assertThrows(IOException.class, () -> ServerProcess.start("inventory-soap", RpcSettings.defaults()));
        assertTrue(e.getMessage().contains("unknown transport 'inventory-soap' (valid choices: grpc, http, inventory-grpc,"
                + " inventory-http)"), e.getMessage());
        IllegalArgumentException over = assertThrows(IllegalArgumentException.class, () -> AppServers.of("inventory", "tcp"));
        assertEquals("application 'inventory' has no server over transport 'tcp' (valid choices: grpc, http)",
                over.getMessage());
    }
}
