package rpcbench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import rpcbench.api.RpcSettings;


/**
 * The server's HTTP rules, spoken to over a plain socket so that no client library hides anything:
 * oversized bodies get 413 without being read (declared or chunked), unknown paths 404, wrong
 * methods 405, and the server goes on serving. The server runs with a 64 KiB maximum.
 */
class HttpServerLimitsTest extends SmallLimitServerTest {

    @Test
    void aDeclaredOversizedBodyGets413BeforeItIsSent() throws IOException {
        // Only the headers go out: a server that waited for (or buffered) the gigabyte would never answer.
        List<String> answer = exchange("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 1000000000\r\n\r\n", null);
        assertEquals("HTTP/1.1 413 Payload Too Large", answer.get(0));
        assertTrue(answer.contains("Connection: close"), "the unread upload ends the connection: " + answer);
        assertServerStillServes();
    }

    @Test
    void aChunkedUploadPastTheMaximumGets413() throws IOException {
        byte[] chunk = new byte[16 * 1024];
        List<String> answer = exchange("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/octet-stream\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", out -> {
                    for (int i = 0; i < 2 * MAX_BODY / chunk.length; i++) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });
        assertEquals("HTTP/1.1 413 Payload Too Large", answer.get(0));
        assertServerStillServes();
    }

    @Test
    void acceptedRequestsAreAnsweredWithTheirRepresentation() throws IOException {
        assertAnswer("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK", "Content-Type: application/octet-stream", "hello");
        assertAnswer("POST /simple-call HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                + "Content-Length: 12\r\n\r\n{\"value\":41}", "HTTP/1.1 200 OK", "Content-Type: application/json",
                "{\"value\":42}");
        assertAnswer("GET /stream?count=3 HTTP/1.1\r\nHost: test\r\n\r\n",
                "HTTP/1.1 200 OK", "Transfer-Encoding: chunked", null);
    }

    @Test
    void unknownPathsWrongMethodsAndMalformedRequestsAreRefused() throws IOException {
        assertAnswer("GET /nothing HTTP/1.1\r\nHost: test\r\n\r\n", "HTTP/1.1 404 Not Found", null, null);
        assertAnswer("GET /echo HTTP/1.1\r\nHost: test\r\n\r\n", "HTTP/1.1 405 Method Not Allowed", "Allow: POST", null);
        assertAnswer("POST /stream?count=3 HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 405 Method Not Allowed", "Allow: GET", null);
        assertAnswer("GET /stream?count=-1 HTTP/1.1\r\nHost: test\r\n\r\n", "HTTP/1.1 400 Bad Request", null, null);
        assertAnswer("POST /simple-call HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                + "Content-Length: 8\r\n\r\n{\"v\":41}", "HTTP/1.1 400 Bad Request", null, null);
    }

    @Test
    void transferSizesOutsideTheLimitsAreRefused() throws IOException {
        int tooBig = MAX_BODY + 1;
        assertAnswer("GET /download?size=" + tooBig + " HTTP/1.1\r\nHost: test\r\n\r\n", "HTTP/1.1 400 Bad Request", null, null);
        assertAnswer("GET /download-stream?total=10&chunk=" + tooBig + " HTTP/1.1\r\nHost: test\r\n\r\n",
                "HTTP/1.1 400 Bad Request", null, null);
        assertAnswer("POST /upload-stream?chunk=0 HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 400 Bad Request", null, null);
        assertAnswer("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: " + tooBig + "\r\n\r\n",
                "HTTP/1.1 413 Payload Too Large", "Connection: close", null);
        assertAnswer("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 200 OK", "Content-Type: application/json", "{\"bytes\":5}");
        assertServerStillServes();
    }

    /** Checks the status line, one header line and (when not null) the whole Content-Length body. */
    private void assertAnswer(String request, String status, String header, String body) throws IOException {
        List<String> answer = exchange(request, null);
        assertEquals(status, answer.get(0), request);
        assertTrue(header == null || answer.contains(header), header + " missing in " + answer);
        assertTrue(body == null || answer.get(answer.size() - 1).equals(body), body + " missing in " + answer);
    }

    private void assertServerStillServes() throws IOException {
        try (var client = new HttpTransport().newClient(RpcSettings.defaults())) {
            client.setup(server.endpoint());
            assertEquals(42, client.simpleCall(41));
            assertEquals(MAX_BODY, client.echo(new byte[MAX_BODY]).length);
        }
    }

    /** What is written after the request head. */
    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Sends one request on a fresh connection and returns the status line and headers of the answer,
     * then its body (the first 1000 characters) when it has a Content-Length.
     */
    private List<String> exchange(String head, Body body) throws IOException {
        try (Socket socket = new Socket(server.endpoint().host(), server.endpoint().port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                try {
                    body.writeTo(out);
                } catch (IOException e) {
                    // the server may refuse and close before the whole upload is written
                }
            }
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty() && lines.size() < 50; line = in.readLine()) {
                lines.add(line);
            }
            assertFalse(lines.isEmpty(), "no answer to " + head.lines().findFirst().orElse(""));
            String length = lines.stream().filter(l -> l.startsWith("Content-Length: ")).findFirst().orElse(null);
            if (length != null) {
                char[] text = new char[Math.min(1000, Integer.parseInt(length.substring(16)))];
                int read = 0;
                for (int n = 0; read < text.length && n >= 0; read += Math.max(n, 0)) {
                    n = in.read(text, read, text.length - read);
                }
                lines.add(new String(text, 0, read));
            }
            return lines;
        }
    }
}
