package rpcbench.grpc;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import rpcbench.api.CallAuth;

/**
 * gRPC's idiom for a bearer token ({@link CallAuth}): the client's {@link ClientInterceptor} puts
 * {@code authorization: Bearer ...} into every call's metadata, and the server's
 * {@link ServerInterceptor} reads it before the call reaches the service, closing a call without
 * the right token with {@code UNAUTHENTICATED} and the cause; the service never sees it, and the
 * connection serves on. An interceptor rather than {@code CallCredentials}: those are applied on
 * an executor per call, and gRPC's own examples put a static token in metadata this way.
 */
final class GrpcAuth {

    /** The metadata key of HTTP's Authorization header, which gRPC's own token credentials use. */
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcAuth() {
    }

    /** Adds {@code bearer} ({@code Bearer <token>}) to the metadata of every call of the channel. */
    static ClientInterceptor client(String bearer) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.put(AUTHORIZATION, bearer);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    /** {@code service} as the server adds it: behind {@link #server} when {@code auth} demands a token, else as it is. */
    static ServerServiceDefinition service(BindableService service, CallAuth auth) {
        return auth.required() ? ServerInterceptors.intercept(service, server(auth)) : service.bindService();
    }

    /** Lets a call reach the service only with the token {@code auth} demands. */
    static ServerInterceptor server(CallAuth auth) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                String refused = auth.checkBearer(headers.get(AUTHORIZATION));
                if (refused == null) {
                    return next.startCall(call, headers);
                }
                call.close(Status.UNAUTHENTICATED.withDescription(refused), new Metadata());
                return new ServerCall.Listener<>() { }; // whatever the client still sends is dropped
            }
        };
    }
}
