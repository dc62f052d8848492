package rpcbench.api;

import java.io.Serializable;
import java.util.Map;

/**
 * What a server answers to {@link RpcImplementation#message}: totals and counts of an {@link Order}
 * and a checksum over every one of its fields and items, so that a server (or a codec) that skips
 * or garbles any part of the message gives a different answer. Clients compute the expected one
 * themselves, outside the timed code.
 *
 * @param orderId       the order's id
 * @param itemCount     how many line items
 * @param totalQuantity the sum of their quantities
 * @param totalCents    the sum of quantity times unit price
 * @param attributes    how many attributes
 * @param checksum      a hash of every field, item and tag, in order (attributes in any order)
 */
public record OrderSummary(long orderId, int itemCount, long totalQuantity, long totalCents, int attributes,
        long checksum) implements Serializable {

    /** The server's work: reads every field of {@code order} once. */
    public static OrderSummary of(Order order) {
        long quantity = 0;
        long cents = 0;
        long hash = mix(mix(mix(mix(17, order.orderId()), text(order.customerId())), text(order.currency())),
                order.createdAtMicros());
        long attributes = 0;
        for (Map.Entry<String, String> e : order.attributes().entrySet()) {
            attributes += mix(text(e.getKey()), text(e.getValue())); // a sum: a map's order is not part of it
        }
        hash = mix(hash, attributes);
        for (Order.LineItem item : order.items()) {
            quantity += item.quantity();
            cents += item.quantity() * item.unitPriceCents();
            hash = mix(mix(mix(mix(mix(hash, text(item.sku())), text(item.name())), item.quantity()),
                    item.unitPriceCents()), Double.doubleToLongBits(item.weightKg()));
            for (String tag : item.tags()) {
                hash = mix(hash, text(tag));
            }
        }
        return new OrderSummary(order.orderId(), order.items().size(), quantity, cents, order.attributes().size(), hash);
    }

    /**
     * Every char of {@code s}: String.hashCode is cached per instance, and a decoded string is a
     * new instance, so a server pays for reading each one.
     */
    private static long text(String s) {
        return s.hashCode() * 0x9E3779B97F4A7C15L + s.length();
    }

    /** One step of a 64-bit multiply-xorshift hash (the finalizer of SplitMix64). */
    private static long mix(long hash, long value) {
        long z = (hash ^ value) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
