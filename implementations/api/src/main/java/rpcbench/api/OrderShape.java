package rpcbench.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The three sizes of {@link Order} that the message benchmarks send, each generated the same way
 * every time from its own seed, so that every transport, codec and run sends the same bytes. The
 * encoded sizes per codec are in docs/benchmarks.md (180 bytes, 1.9 KB and 196 KB in protobuf).
 */
public enum OrderShape {
    /** One line item, a few attributes: a typical single-purchase event. */
    SMALL("small", 1, 4),
    /** Tens of line items: a shopping basket. */
    MEDIUM("medium", 30, 6),
    /** Thousands of line items: a bulk or wholesale order. */
    LARGE("large", 3_300, 12);

    private static final String[] WORDS = {"steel", "oak", "blue", "compact", "deluxe", "travel", "garden",
        "kitchen", "cable", "lamp", "chair", "bottle", "organic", "spare", "wireless", "classic"};
    private static final String[] TAGS = {"sale", "new", "fragile", "gift", "eco", "bulk", "imported"};
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF", "JPY"};

    private final String jmhName;
    private final int items;
    private final int attributes;

    OrderShape(String jmhName, int items, int attributes) {
        this.jmhName = jmhName;
        this.items = items;
        this.attributes = attributes;
    }

    /** The name on command lines and in results: {@code small}, {@code medium}, {@code large}. */
    public String jmhName() {
        return jmhName;
    }

    /** How many line items the order has. */
    public int items() {
        return items;
    }

    /** A new, equal order on every call: generated from a seed of its own. */
    public Order order() {
        SplittableRandom random = new SplittableRandom(0x5EED_0000L + ordinal());
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("channel", pick(random, "web", "app", "store", "phone"));
        attrs.put("region", pick(random, "eu-west", "us-east", "ap-south"));
        for (int i = attrs.size(); i < attributes; i++) {
            attrs.put("attr" + i, word(random) + "-" + random.nextInt(10_000));
        }
        List<Order.LineItem> lines = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            List<String> tags = new ArrayList<>();
            for (int t = random.nextInt(3); t >= 0; t--) {
                tags.add(TAGS[random.nextInt(TAGS.length)]);
            }
            lines.add(new Order.LineItem(String.format(java.util.Locale.ROOT, "SKU-%06d", random.nextInt(1_000_000)),
                    word(random) + " " + word(random) + " " + (1 + random.nextInt(99)),
                    1 + random.nextInt(20), 99 + random.nextInt(50_000), Math.round(random.nextDouble(0.05, 25) * 1000) / 1000.0,
                    tags));
        }
        return new Order(1_000_000_000L + random.nextInt(1 << 30), "customer-" + random.nextInt(1_000_000),
                CURRENCIES[random.nextInt(CURRENCIES.length)], 1_764_547_200_000_000L + random.nextLong(1L << 40),
                attrs, lines);
    }

    private static String word(SplittableRandom random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static String pick(SplittableRandom random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Every shape's name, smallest first. */
    public static List<String> names() {
        return Named.names(values(), OrderShape::jmhName);
    }

    /**
     * The shape called {@code name}.
     *
     * @throws IllegalArgumentException naming the valid choices when there is none
     */
    public static OrderShape byName(String name) {
        return Named.byName(values(), OrderShape::jmhName, "shape", name);
    }
}
