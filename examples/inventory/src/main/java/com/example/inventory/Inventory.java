package com.example.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * The service's domain logic, the same behind both servers: a catalogue of items in memory, looked up
 * by SKU, and quotes for quantities with a volume discount. Bad input is refused with
 * IllegalArgumentException (gRPC INVALID_ARGUMENT, HTTP 400), an unknown SKU with
 * NoSuchElementException (NOT_FOUND, 404); each message says what was wrong and what is valid.
 */
public final class Inventory {

    /** One item of the catalogue. */
    public record Item(String sku, String name, long unitPriceCents, int stock) {
    }

    /** The price of {@code quantity} items: the discount in percent, the total after it. */
    public record Quote(String sku, int quantity, int discountPercent, long totalCents) {
    }

    /** How many items the sample catalogue holds: SKU-0000 to SKU-0999. */
    public static final int SIZE = 1000;
    private static final Pattern SKU = Pattern.compile("SKU-\\d{4}");

    private final Map<String, Item> items = new HashMap<>();

    /** The sample catalogue, the same on every machine (the benchmarks check answers against it). */
    public Inventory() {
        for (int i = 0; i < SIZE; i++) {
            String sku = sku(i);
            items.put(sku, new Item(sku, "item " + i, 100 + (i * 37L) % 9_900, 50 + i % 500));
        }
    }

    /** The SKU of the sample catalogue's item {@code i}. */
    public static String sku(int i) {
        return String.format("SKU-%04d", i);
    }

    public Item lookup(String sku) {
        if (sku == null || !SKU.matcher(sku).matches()) {
            throw new IllegalArgumentException("malformed SKU '" + sku + "' (valid: SKU- and four digits, e.g. SKU-0042)");
        }
        Item item = items.get(sku);
        if (item == null) {
            throw new NoSuchElementException("no item " + sku + " (the catalogue holds SKU-0000 to " + sku(SIZE - 1) + ")");
        }
        return item;
    }

    public Quote quote(String sku, int quantity) {
        Item item = lookup(sku);
        if (quantity < 1 || quantity > item.stock()) {
            throw new IllegalArgumentException("quantity " + quantity + " of " + sku + " is not 1.." + item.stock()
                    + " (its stock)");
        }
        int discount = quantity >= 100 ? 10 : quantity >= 10 ? 5 : 0;
        long total = item.unitPriceCents() * quantity * (100 - discount) / 100;
        return new Quote(sku, quantity, discount, total);
    }
}
