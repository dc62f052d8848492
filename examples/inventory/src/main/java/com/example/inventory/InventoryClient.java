package com.example.inventory;

import java.io.IOException;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcSettings;

/**
 * One connection to an inventory server, over the framework its transport names. A refusal comes
 * back as the domain's own exception with the server's message: IllegalArgumentException for bad
 * input, NoSuchElementException for an unknown SKU; any other failure is an IllegalStateException.
 */
public interface InventoryClient extends AutoCloseable {

    Inventory.Item lookup(String sku);

    Inventory.Quote quote(String sku, int quantity);

    @Override
    void close();

    /** A client of {@code transport}'s server at {@code server}, after one real lookup. */
    static InventoryClient connect(String transport, Endpoint server, RpcSettings settings) throws IOException {
        InventoryClient client = switch (transport) {
            case "grpc" -> new InventoryGrpcClient(server, settings.callTimeoutMillis());
            case "http" -> new InventoryRestClient(server, settings.callTimeoutMillis());
            default -> throw new IllegalArgumentException("no inventory client over '" + transport
                    + "' (valid choices: grpc, http)");
        };
        try {
            client.lookup(Inventory.sku(0));
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw new IOException("inventory over " + transport + " at " + server + ": first call failed: " + e, e);
        }
    }
}
