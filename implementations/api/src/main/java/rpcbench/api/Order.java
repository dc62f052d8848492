package rpcbench.api;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The structured record of {@link RpcImplementation#message}: an order as a service would pass it,
 * with ids, strings, a timestamp, a map of attributes and a list of line items, each with nested
 * tags. Its shapes are {@link OrderShape}; what a server makes of it is {@link OrderSummary#of}.
 *
 * <p>Immutable (the collections are copied) and without nulls, so a client can send one instance any number of times.
 * Serializable for Java serialization (RMI, the {@code java} codec): a record is read through its
 * canonical constructor, so a stream cannot build one that skips these copies.
 *
 * @param orderId         the order's number
 * @param customerId      the customer's id, as text
 * @param currency        an ISO 4217 code
 * @param createdAtMicros when it was placed: microseconds since 1970-01-01T00:00Z
 * @param attributes      free-form key/value pairs (channel, region, ...); no order is implied
 * @param items           the line items, in order
 */
public record Order(long orderId, String customerId, String currency, long createdAtMicros,
        Map<String, String> attributes, List<LineItem> items) implements Serializable {

    public Order {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        attributes = Map.copyOf(attributes);
        items = List.copyOf(items);
    }

    /**
     * One line of an order.
     *
     * @param sku            the product's stock-keeping unit
     * @param name           the product's name
     * @param quantity       how many
     * @param unitPriceCents the price of one, in cents of the order's currency
     * @param weightKg       the weight of one
     * @param tags           labels of the product, in order
     */
    public record LineItem(String sku, String name, int quantity, long unitPriceCents, double weightKg,
            List<String> tags) implements Serializable {

        public LineItem {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(name, "name");
            tags = List.copyOf(tags);
        }
    }
}
