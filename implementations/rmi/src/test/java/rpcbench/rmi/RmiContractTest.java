package rpcbench.rmi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.contract.RawConnection;
import rpcbench.contract.RpcContractTest;

class RmiContractTest extends RpcContractTest {

    private static final int MARK_LENGTH = 1000;
    private static final byte MARK = 0x5A;

    /** Recorded once per server: RMI pools the recording's connections, and a second echo would reuse them. */
    private final Map<Endpoint, byte[]> recorded = new ConcurrentHashMap<>();

    @Override
    public String transportName() {
        return "rmi";
    }

    /**
     * JRMP and Java serialization by replay: a real client's bytes for {@code echo(byte[1000])} are
     * recorded through a relay, then sent again on a new connection up to the array, with the
     * array's length (the int just before its bytes) made {@code declaredBytes}, and 4 bytes of it.
     */
    @Override
    public RawConnection openLargeMessage(Endpoint server, int declaredBytes) throws IOException {
        byte[] session = recorded.get(server);
        if (session == null) {
            session = recordEcho(server);
            recorded.put(server, session);
        }
        byte[] length = ByteBuffer.allocate(4).putInt(MARK_LENGTH).array();
        byte[] marked = new byte[8];
        Arrays.fill(marked, MARK);
        int at = indexOf(session, concat(length, marked));
        if (at < 0) {
            throw new IOException("no echo array in the recorded RMI session");
        }
        byte[] opening = Arrays.copyOf(session, at + 8);
        ByteBuffer.wrap(opening, at, 4).putInt(declaredBytes);
        RawConnection c = RawConnection.open(server);
        c.send(opening);
        return c;
    }

    /** What a real client sent on the connection that carried an echo of 1000 marked bytes. */
    private byte[] recordEcho(Endpoint server) throws IOException {
        List<ByteArrayOutputStream> connections = new CopyOnWriteArrayList<>();
        try (ServerSocket relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!relay.isClosed()) {
                    try {
                        Socket client = relay.accept();
                        Socket upstream = new Socket(server.host(), server.port());
                        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
                        connections.add(recorded);
                        pump(client, upstream, recorded);
                        pump(upstream, client, null);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            byte[] marked = new byte[MARK_LENGTH];
            Arrays.fill(marked, MARK);
            try (RpcImplementation client = connect(Endpoint.relayFor("127.0.0.1", relay.getLocalPort(), server))) {
                client.echo(marked);
            }
        }
        for (ByteArrayOutputStream recorded : connections) {
            synchronized (recorded) {
                byte[] bytes = recorded.toByteArray();
                if (indexOf(bytes, Arrays.copyOf(marked(), 16)) >= 0) {
                    return bytes;
                }
            }
        }
        throw new IOException("the echo did not pass the recording relay");
    }

    private static byte[] marked() {
        byte[] m = new byte[MARK_LENGTH];
        Arrays.fill(m, MARK);
        return m;
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from; to) {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (record != null) {
                        synchronized (record) {
                            record.write(buffer, 0, n);
                        }
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // one side closed
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
