package rpcbench.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderShape;
import rpcbench.api.OrderSummary;

/** Every codec round-trips every shape exactly; the java codec's filter admits nothing else. */
class OrderCodecTest {

    @ParameterizedTest
    @EnumSource(MessageCodec.class)
    void everyShapeRoundTripsExactly(MessageCodec codec) throws IOException {
        OrderCodec c = OrderCodec.of(codec);
        assertEquals(codec, c.kind());
        for (OrderShape shape : OrderShape.values()) {
            Order order = shape.order();
            byte[] bytes = c.encode(order);
            assertEquals(order, c.decode(bytes, Order.class), codec + " " + shape);
            OrderSummary summary = OrderSummary.of(order);
            assertEquals(summary, c.decode(c.encode(summary), OrderSummary.class));
            // What a byte transport's server does with the same bytes after its codec id.
            byte[] framed = new byte[bytes.length + 3];
            System.arraycopy(bytes, 0, framed, 3, bytes.length);
            assertEquals(summary, c.decode(Messages.answer(codec, framed, 3, bytes.length), OrderSummary.class));
            System.out.printf(Locale.ROOT, "%s %s: %d bytes%n", codec.jmhName(), shape.jmhName(), bytes.length);
        }
    }

    @Test
    void shapesAreDeterministicAndOfTheirSizes() {
        for (OrderShape shape : OrderShape.values()) {
            assertEquals(shape.order(), shape.order());
            assertEquals(OrderSummary.of(shape.order()), OrderSummary.of(shape.order()));
        }
        OrderCodec protobuf = OrderCodec.of(MessageCodec.PROTOBUF);
        assertBetween(150, 300, protobuf.encode(OrderShape.SMALL.order()).length);
        assertBetween(1_500, 2_600, protobuf.encode(OrderShape.MEDIUM.order()).length);
        assertBetween(150_000, 260_000, protobuf.encode(OrderShape.LARGE.order()).length);
    }

    @Test
    void summaryChangesWithAnyField() {
        Order order = OrderShape.MEDIUM.order();
        List<Order.LineItem> items = new ArrayList<>(order.items());
        Order.LineItem last = items.get(items.size() - 1);
        items.set(items.size() - 1, new Order.LineItem(last.sku(), last.name(), last.quantity(), last.unitPriceCents(),
                last.weightKg(), List.of("changed")));
        Order changed = new Order(order.orderId(), order.customerId(), order.currency(), order.createdAtMicros(),
                order.attributes(), items);
        assertTrue(OrderSummary.of(order).checksum() != OrderSummary.of(changed).checksum());
    }

    @Test
    void javaCodecRejectsAnyOtherClass() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("not an order")));
        }
        IOException e = assertThrows(IOException.class,
                () -> OrderCodec.of(MessageCodec.JAVA).read(bytes.toByteArray(), 0, bytes.size(), Order.class));
        assertTrue(e instanceof InvalidClassException, e.toString());
        assertTrue(e.getMessage().contains("REJECTED"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(MessageCodec.class)
    void garbageIsRefusedInOneLine(MessageCodec codec) {
        byte[] garbage = "{\"not\": an order".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> Messages.answer(codec, garbage, 0, garbage.length));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    private static void assertBetween(int low, int high, int actual) {
        assertTrue(actual >= low && actual <= high, actual + " outside " + low + ".." + high);
    }
}
