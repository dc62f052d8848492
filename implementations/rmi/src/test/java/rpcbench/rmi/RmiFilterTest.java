package rpcbench.rmi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.rmi.Remote;
import java.rmi.registry.LocateRegistry;
import java.rmi.server.RemoteObject;
import java.rmi.server.RemoteRef;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import rpcbench.api.MessageCodec;
import rpcbench.api.Order;
import rpcbench.api.OrderShape;
import rpcbench.api.OrderSummary;
import rpcbench.api.RpcException;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.server.ServerProcess;

/**
 * The server's JEP 290 filter, against a real server process whose maximum message size is 1024
 * bytes: another class sent where {@code echo}, {@code upload} or an upload session's {@code write}
 * expects its {@code byte[]} is refused, and so is an array one byte over the limit. Without the filter these calls would reach the server's method
 * (an argument type mismatch, an echo), so each test fails if the filter is gone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RmiFilterTest {

    private static final int LIMIT = 1024;

    private ServerProcess server;

    /**
     * Marshals its argument with writeObject, whatever it is: the way to smuggle another class. Each
     * method has the return type of the remote method it stands in for, so the reply reads right.
     */
    interface Smuggler {
        Object echo(Object payload);

        long upload(Object payload);

        void write(Object chunk);

        Object message(Object order);
    }

    @BeforeAll
    void startServerWithSmallLimit() throws IOException {
        server = ServerProcess.start("rmi", RpcSettings.defaults().with(RpcSettings.MAX_MESSAGE_BYTES, LIMIT));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anotherClassInPlaceOfTheByteArrayIsRejected() throws Exception {
        RmiService stub = lookup();
        RemoteRef ref = ((RemoteObject) Proxy.getInvocationHandler(stub)).getRef();
        Method smuggle = Smuggler.class.getMethod("echo", Object.class);
        long echoHash = methodHash("echo([B)[B");

        // Control: the raw call with the real argument type works, so the hash and the path are right.
        byte[] bytes = {1, 2, 3};
        assertArrayEquals(bytes, (byte[]) ref.invoke(stub, smuggle, new Object[] {bytes}, echoHash));

        for (Object foreign : new Object[] {new ArrayList<>(List.of(1, 2, 3)), new int[] {1, 2, 3}}) {
            Exception e = assertThrows(Exception.class,
                    () -> ref.invoke(stub, smuggle, new Object[] {foreign}, echoHash));
            assertRejectedByFilter(e, foreign.getClass().getName());
        }
        assertEquals(43, stub.simpleCall(42), "the server still serves after refusing");
    }

    /**
     * The message call admits the order's records and nothing else: another class in place of the
     * Order is rejected, and so is an order whose stream is larger than the maximum message size.
     */
    @Test
    void anotherClassInPlaceOfTheOrderIsRejected() throws Exception {
        RmiService stub = lookup();
        RemoteRef ref = ((RemoteObject) Proxy.getInvocationHandler(stub)).getRef();
        Method smuggle = Smuggler.class.getMethod("message", Object.class);
        long messageHash = methodHash("message(Lrpcbench/api/Order;)Lrpcbench/api/OrderSummary;");
        Order order = new Order(7, "c-1", "EUR", 0, Map.of("k", "v"),
                List.of(new Order.LineItem("sku", "name", 2, 150, 0.5, List.of("tag"))));
        // Control: the raw call with a real (small) order works, so the hash and the path are right.
        assertEquals(OrderSummary.of(order), ref.invoke(stub, smuggle, new Object[] {order}, messageHash));

        for (Object foreign : new Object[] {new ArrayList<>(List.of(1, 2, 3)), new java.util.HashMap<>(Map.of("k", "v"))}) {
            Exception e = assertThrows(Exception.class, () -> ref.invoke(stub, smuggle, new Object[] {foreign}, messageHash));
            assertRejectedByFilter(e, foreign.getClass().getName() + " in place of an Order");
        }
        try (RpcImplementation client = new RmiTransport().newClient(RpcSettings.defaults())) {
            client.setup(server.endpoint());
            Order large = OrderShape.MEDIUM.order(); // about 3 KB serialized, over the 1 KB limit
            assertRejectedByFilter(assertThrows(RpcException.class, () -> client.message(large, MessageCodec.JAVA)),
                    "an order over the limit");
        }
        assertEquals(43, stub.simpleCall(42), "the server still serves after refusing");
    }

    /** The transfer operations take a byte[] too, each through the same filter. */
    @Test
    void anotherClassInPlaceOfAnUploadOrAChunkIsRejected() throws Exception {
        RmiService stub = lookup();
        RmiService.UploadSession session = stub.openUpload();
        record Target(Remote stub, Method method, long hash) {
        }
        List<Target> targets = List.of(
                new Target(stub, Smuggler.class.getMethod("upload", Object.class), methodHash("upload([B)J")),
                new Target(session, Smuggler.class.getMethod("write", Object.class), methodHash("write([B)V")));
        for (Target t : targets) {
            RemoteRef ref = ((RemoteObject) Proxy.getInvocationHandler(t.stub())).getRef();
            ref.invoke(t.stub(), t.method(), new Object[] {new byte[] {1, 2}}, t.hash()); // control: a byte[] passes
            Object[] foreign = {new ArrayList<>(List.of(1))};
            Exception e = assertThrows(Exception.class, () -> ref.invoke(t.stub(), t.method(), foreign, t.hash()));
            assertRejectedByFilter(e, "ArrayList passed to " + t.method().getName());
        }
        assertArrayEquals(new long[] {2, 1, crc32(new byte[] {1, 2})}, session.finish(), "only the control chunk arrived");
    }

    @Test
    void chunksAndUploadsUpToTheLimitPassAndOneByteMoreIsRejected() throws IOException {
        try (RpcImplementation client = new RmiTransport().newClient(RpcSettings.defaults())) {
            client.setup(server.endpoint());
            assertEquals(LIMIT, client.upload(new byte[LIMIT]));
            assertEquals(3L * LIMIT, client.uploadStream(new ByteArrayInputStream(new byte[3 * LIMIT]), LIMIT).bytes());
        }
        try (RpcImplementation client = new RmiTransport().newClient(RpcSettings.defaults())) {
            client.setup(server.endpoint());
            RpcException e = assertThrows(RpcException.class,
                    () -> client.uploadStream(new ByteArrayInputStream(new byte[3 * LIMIT]), LIMIT + 1));
            assertRejectedByFilter(e, "a chunk of " + (LIMIT + 1) + " bytes");
        }
        try (RpcImplementation client = new RmiTransport().newClient(RpcSettings.defaults())) {
            client.setup(server.endpoint());
            assertRejectedByFilter(assertThrows(RpcException.class, () -> client.upload(new byte[LIMIT + 1])),
                    "an upload of " + (LIMIT + 1) + " bytes");
        }
    }

    @Test
    void echoUpToTheLimitPassesAndOneByteMoreIsRejected() throws IOException {
        try (RpcImplementation client = new RmiTransport().newClient(RpcSettings.defaults())) {
            client.setup(server.endpoint());
            byte[] atLimit = new byte[LIMIT];
            atLimit[LIMIT - 1] = 7;
            assertArrayEquals(atLimit, client.echo(atLimit));
            RpcException e = assertThrows(RpcException.class, () -> client.echo(new byte[LIMIT + 1]));
            assertRejectedByFilter(e, "byte[" + (LIMIT + 1) + "]");
        }
        try (RpcImplementation other = new RmiTransport().newClient(RpcSettings.defaults())) {
            other.setup(server.endpoint());
            assertEquals(2, other.simpleCall(1), "the server still serves after refusing");
        }
    }

    private RmiService lookup() throws Exception {
        return (RmiService) LocateRegistry
                .getRegistry(server.endpoint().host(), server.endpoint().port(), new RmiClientSockets(false))
                .lookup(RmiService.NAME);
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static void assertRejectedByFilter(Exception e, String what) {
        InvalidClassException rejection = null;
        for (Throwable t = e; t != null && rejection == null; t = t.getCause()) {
            if (t instanceof InvalidClassException ice && String.valueOf(ice.getMessage()).contains("REJECTED")) {
                rejection = ice;
            }
        }
        assertNotNull(rejection, () -> what + " was not refused by the filter; the call failed with " + e);
    }

    /**
     * The JRMP method hash (RMI specification, section 8.3): the first 8 bytes of the SHA-1 of
     * the method's name and descriptor written with writeUTF, little-endian.
     */
    private static long methodHash(String nameAndDescriptor) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DataOutputStream(bytes).writeUTF(nameAndDescriptor);
        byte[] sha = MessageDigest.getInstance("SHA-1").digest(bytes.toByteArray());
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash += (long) (sha[i] & 0xFF) << (8 * i);
        }
        return hash;
    }
}
