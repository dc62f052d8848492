package rpcbench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderShape;
import rpcbench.api.OrderSummary;
import rpcbench.api.RpcImplementation;
import rpcbench.api.Transport;

/**
 * What MessageBenchmark repeats: an order goes to the server in a codec and its summary, computed
 * by the server from every field, comes back. Every codec the transport lists, with the small and
 * medium shapes on one connection; the large shape once, in the natural codec; and a codec the
 * transport cannot carry refused in one line naming the valid ones, before anything is sent.
 */
interface MessageContract {

    RpcImplementation connect() throws IOException;

    Transport transport();

    @Test
    default void everyCodecCarriesSmallAndMediumOrders() throws IOException {
        List<MessageCodec> codecs = transport().codecs();
        assertFalse(codecs.isEmpty(), "a transport lists at least its natural codec");
        try (RpcImplementation client = connect()) {
            for (MessageCodec codec : codecs) {
                for (OrderShape shape : List.of(OrderShape.SMALL, OrderShape.MEDIUM)) {
                    Order order = shape.order();
                    assertEquals(OrderSummary.of(order), client.message(order, codec), shape + " in " + codec);
                }
            }
        }
    }

    @Test
    default void largeOrderInTheNaturalCodec() throws IOException {
        Order order = OrderShape.LARGE.order();
        try (RpcImplementation client = connect()) {
            OrderSummary answer = client.message(order, transport().codecs().get(0));
            assertEquals(OrderSummary.of(order), answer);
            assertEquals(OrderShape.LARGE.items(), answer.itemCount());
        }
    }

    @Test
    default void aCodecTheTransportCannotCarryIsRefusedInOneLine() throws IOException {
        List<MessageCodec> valid = transport().codecs();
        try (RpcImplementation client = connect()) {
            for (MessageCodec codec : MessageCodec.values()) {
                if (valid.contains(codec)) {
                    continue;
                }
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> client.message(OrderShape.SMALL.order(), codec));
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                assertTrue(e.getMessage().contains(codec.jmhName()), e.getMessage());
                valid.forEach(v -> assertTrue(e.getMessage().contains(v.jmhName()), e.getMessage()));
            }
            assertEquals(2, client.simpleCall(1), "the client is still usable after the refusal");
        }
    }
}
