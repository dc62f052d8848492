package rpcbench.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

import rpcbench.api.Endpoint;

/**
 * A raw TCP connection to a server, for the hostile-input tests: the attack clients of each
 * transport write their bytes by hand through one of these and watch what the server does.
 */
public final class RawConnection implements AutoCloseable {

    private final Socket socket;

    private RawConnection(Socket socket) {
        this.socket = socket;
    }

    /** Connects within 5 s. */
    public static RawConnection open(Endpoint e) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(e.host(), e.port()), 5000);
        s.setTcpNoDelay(true);
        return new RawConnection(s);
    }

    public Socket socket() {
        return socket;
    }

    /** Writes and flushes {@code bytes}; false when the server has already closed the connection. */
    public boolean send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What arrives within {@code millis} (all of it until the server closes, or what came by then),
     * at most {@code max} bytes.
     */
    public byte[] read(int max, int millis) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.currentTimeMillis() + millis;
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (got.size() < max && System.currentTimeMillis() < deadline) {
            socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            try {
                int n = in.read(buffer, 0, Math.min(buffer.length, max - got.size()));
                if (n < 0) {
                    break;
                }
                got.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                break;
            } catch (IOException reset) {
                break;
            }
        }
        return got.toByteArray();
    }

    /** True when the server ends the connection (end of stream or reset) within the time. */
    public boolean closedByServerWithin(int millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (System.currentTimeMillis() < deadline) {
            socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
                // the server may answer or send a greeting first; keep reading
            } catch (SocketTimeoutException timeout) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
