package rpcbench.orchestration;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Versions of JMH and of every framework under test, as found on the class path: Maven's
 * pom.properties (kept in the shaded jar), or a version constant of the library where its jar has
 * none (gRPC and protobuf are built with Gradle and Bazel). "unknown" where neither is found.
 */
final class Versions {

    private Versions() {
    }

    static Map<String, String> all() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("jmh", pom("org.openjdk.jmh", "jmh-core"));
        v.put("grpc-java", constant("io.grpc.internal.GrpcUtil", "IMPLEMENTATION_VERSION"));
        v.put("netty", pom("io.netty", "netty-common"));
        v.put("protobuf-java", protobufVersion());
        v.put("jeromq", pom("org.zeromq", "jeromq"));
        v.put("jetty", pom("org.eclipse.jetty", "jetty-server"));
        v.put("jackson-databind", pom("com.fasterxml.jackson.core", "jackson-databind"));
        v.put("java-websocket", pom("org.java-websocket", "Java-WebSocket"));
        v.put("rmi", "the JDK's (" + System.getProperty("java.version") + ")");
        v.put("rpc-bench", pom("rpcbench", "rpcbench-benchmarks"));
        return v;
    }

    static String pom(String group, String artifact) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Versions.class.getResourceAsStream(path)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", Machine.UNKNOWN);
            }
        } catch (IOException e) {
            // reported as unknown
        }
        return Machine.UNKNOWN;
    }

    private static String constant(String className, String field) {
        try {
            return String.valueOf(Class.forName(className).getField(field).get(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            return Machine.UNKNOWN;
        }
    }

    private static String protobufVersion() {
        String major = constant("com.google.protobuf.RuntimeVersion", "MAJOR");
        String minor = constant("com.google.protobuf.RuntimeVersion", "MINOR");
        String patch = constant("com.google.protobuf.RuntimeVersion", "PATCH");
        return major.equals(Machine.UNKNOWN) ? Machine.UNKNOWN : major + "." + minor + "." + patch;
    }
}
