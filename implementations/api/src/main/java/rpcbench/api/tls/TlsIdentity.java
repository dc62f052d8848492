package rpcbench.api.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A TLS server's key and self-signed certificate, made when the server starts with the JDK's own
 * {@code keytool} (an EC P-256 key, SHA256withECDSA, valid two days, for localhost, the loopback
 * addresses and the address the server binds): in a temporary folder that is deleted as soon as
 * the key store is read, so the key lives only in the server's memory and nothing is committed or
 * left behind. The server prints {@link #trustText()}; its clients trust exactly that certificate.
 */
public final class TlsIdentity {

    private static final String ALIAS = "rpcbench-server";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final KeyStore keyStore;
    private final char[] password;

    private TlsIdentity(KeyStore keyStore, char[] password) {
        this.keyStore = keyStore;
        this.password = password;
    }

    /**
     * A new key and certificate for a server that binds {@code bindAddress}.
     *
     * @throws IOException when keytool cannot be run or fails, with its output
     */
    public static TlsIdentity generate(InetAddress bindAddress) throws IOException {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        Path dir = Files.createTempDirectory("rpcbench-tls-");
        try {
            Path store = dir.resolve("server.p12");
            runKeytool(store, new String(password), subjectAlternativeNames(bindAddress));
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password);
            }
            return new TlsIdentity(keyStore, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key store keytool made: " + e, e);
        } finally {
            deleteTree(dir);
        }
    }

    /** The certificate as its clients are given it: base64 of its DER encoding, one word. */
    public String trustText() {
        try {
            return Base64.getEncoder().encodeToString(certificate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("certificate cannot be encoded: " + e, e);
        }
    }

    public X509Certificate certificate() {
        try {
            return (X509Certificate) keyStore.getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PrivateKey privateKey() {
        try {
            return (PrivateKey) keyStore.getKey(ALIAS, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key store (PKCS12, one key entry) and its password, for frameworks that take a store (Jetty). */
    public KeyStore keyStore() {
        return keyStore;
    }

    public String password() {
        return new String(password);
    }

    /** A JDK server context with this key (the default provider, SunJSSE). */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK TLS server context: " + e, e);
        }
    }

    private static String subjectAlternativeNames(InetAddress bind) {
        Set<String> names = new LinkedHashSet<>(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"));
        if (!bind.isAnyLocalAddress()) {
            names.add("ip:" + bind.getHostAddress());
        } else {
            try {
                names.add("dns:" + InetAddress.getLocalHost().getHostName());
            } catch (IOException e) {
                // a wildcard server on a machine without a resolvable name: loopback names only
            }
        }
        return "SAN=" + String.join(",", names);
    }

    private static void runKeytool(Path store, String password, String san) throws IOException {
        String exe = System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool";
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", exe).toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=rpc-bench server", "-validity", "2", "-ext", san, "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", password, "-keypass", password));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes(); // ends when keytool exits
        }
        try {
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made the server's certificate", e);
        }
        if (p.exitValue() != 0 || !Files.exists(store)) {
            throw new IOException("keytool failed (exit " + p.exitValue() + ") making the server's certificate: "
                    + new String(output, StandardCharsets.UTF_8).trim());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("rpcbench: could not delete " + dir + ": " + e);
        }
    }
}
