package rpcbench.grpc;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import rpcbench.api.RpcSettings;
import rpcbench.api.Setting;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsIdentity;
import rpcbench.api.tls.TlsLog;
import rpcbench.api.tls.TlsTrust;

/**
 * gRPC over TLS as grpc-java's own benchmarks (qps) set it up: a Netty {@link SslContext} from
 * {@link GrpcSslContexts#configure} (HTTP/2 ALPN, gRPC's cipher list) on the channel and the server
 * builder, with the provider {@link #PROVIDER} names: the JDK's SSLEngine or OpenSSL (BoringSSL)
 * through netty-tcnative-boringssl-static. Held to TLS 1.3.
 */
final class GrpcTls {

    /**
     * The TLS implementation under gRPC's Netty transport: {@code jdk} (the JDK's SSLEngine, SunJSSE)
     * or {@code openssl} (BoringSSL through netty-tcnative-boringssl-static, linux-x86_64 here).
     * Default {@code jdk}.
     */
    static final Setting<String> PROVIDER = Setting.choice("rpcbench.grpc.tls.provider", "jdk",
            "grpc with -p tls=true: Netty's TLS provider, jdk (the JDK's SSLEngine) or openssl (BoringSSL through"
                    + " netty-tcnative-boringssl-static)", "jdk", "openssl");

    /** The client contexts shared by clients that may resume each other's sessions ({@link Tls#RESUME}). */
    private static final ConcurrentMap<List<String>, SslContext> SHARED = new ConcurrentHashMap<>();

    private GrpcTls() {
    }

    /** The server's context for {@code identity} with the provider {@code settings} name. */
    static SslContext server(TlsIdentity identity, String provider) throws SSLException {
        return GrpcSslContexts.configure(SslContextBuilder.forServer(identity.privateKey(), identity.certificate()),
                provider(provider)).protocols(Tls.PROTOCOL).build();
    }

    /**
     * A client's context, trusting only the certificate {@code settings} give; null without TLS. A
     * new one per client (a full handshake), or with {@link Tls#RESUME} one shared per trust.
     */
    static SslContext client(RpcSettings settings) throws SSLException {
        if (!Tls.on(settings)) {
            return null;
        }
        String provider = settings.get(PROVIDER);
        if (!settings.get(Tls.RESUME)) {
            return newClient(settings, provider);
        }
        List<String> key = List.of(Tls.trustText(settings), provider);
        SslContext shared = SHARED.get(key);
        if (shared == null) {
            shared = newClient(settings, provider);
            SslContext raced = SHARED.putIfAbsent(key, shared);
            shared = raced != null ? raced : shared;
        }
        return shared;
    }

    private static SslContext newClient(RpcSettings settings, String provider) throws SSLException {
        return GrpcSslContexts.configure(SslContextBuilder.forClient().trustManager(TlsTrust.of(settings).certificate()),
                provider(provider)).protocols(Tls.PROTOCOL).build();
    }

    /** What the server log names: {@code Netty SslContext, JDK SunJSSE} or {@code ..., OpenSSL BoringSSL ...}. */
    static String describe(String provider) {
        return provider.equals("openssl") ? "Netty SslContext, OpenSSL " + OpenSsl.versionString() : "Netty SslContext, JDK";
    }

    /**
     * @throws IllegalArgumentException in one line when OpenSSL is asked for and netty-tcnative does not load here
     */
    private static SslProvider provider(String name) {
        if (name.equals("jdk")) {
            return SslProvider.JDK;
        }
        if (!OpenSsl.isAvailable()) {
            throw new IllegalArgumentException("-D" + PROVIDER + "=openssl: netty-tcnative-boringssl-static does not load"
                    + " on this machine (" + OpenSsl.unavailabilityCause() + "); valid here: jdk");
        }
        return SslProvider.OPENSSL;
    }

    /** Logs what the first call's connection negotiated, once per server ({@link TlsLog}). */
    static ServerInterceptor logFirstHandshake(String provider) {
        return new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                    ServerCallHandler<Q, A> next) {
                SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
                TlsLog.firstHandshake("grpc", describe(provider), session);
                return next.startCall(call, headers);
            }
        };
    }
}
