package rpcbench.codec;

import java.io.ObjectInputFilter;

import rpcbench.api.Order;
import rpcbench.api.OrderSummary;

/**
 * The JEP 290 filter that reads a serialized {@link Order} or {@link OrderSummary} and nothing else:
 * the two records, the line item record, and {@code java.util.CollSer}, the JDK's serial form of
 * the immutable lists and maps the records hold (it allocates an {@code Object[]} of the announced
 * size, which the filter sees first and bounds), and the JDK's immutable collections it resolves to
 * (the filter sees the resolved object's class too). Every other class is rejected, so no gadget
 * chain can run. Used by the {@code java} codec and by the RMI server for its message call.
 */
public final class OrderFilter {

    /**
     * Nesting: Order, its item list, an item, its tag list, a tag (the map of attributes is at
     * the depth of the item list); one spare level for the class descriptors RMI annotates.
     */
    public static final int MAX_DEPTH = 6;

    /** The longest list or map admitted (line items, tags, attributes): 65536 entries. */
    public static final int MAX_ELEMENTS = 65_536;

    private OrderFilter() {
    }

    /**
     * The filter for a stream of at most {@code maxBytes} bytes; its references are bounded by the
     * same number (each takes at least one byte of the stream).
     */
    public static ObjectInputFilter create(long maxBytes) {
        return ObjectInputFilter.Config.createFilter(pattern(maxBytes));
    }

    /** The filter as JEP 290 pattern text (also what its toString shows). */
    static String pattern(long maxBytes) {
        return Order.class.getName() + ";" + Order.LineItem.class.getName() + ";" + OrderSummary.class.getName()
                + ";java.util.CollSer;java.util.ImmutableCollections$*;java.lang.Object;maxdepth=" + MAX_DEPTH + ";maxarray=" + MAX_ELEMENTS
                + ";maxrefs=" + maxBytes + ";maxbytes=" + maxBytes + ";!*";
    }
}
