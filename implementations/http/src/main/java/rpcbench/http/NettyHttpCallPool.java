package rpcbench.http;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;

import rpcbench.api.CallAuth;
import rpcbench.api.CallPool;
import rpcbench.api.Endpoint;
import rpcbench.api.RpcException;
import rpcbench.api.RpcSettings;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsTrust;

/**
 * Open-loop load over N persistent HTTP/1.1 connections, as {@code wrk} makes it: one thread (the
 * load generator's own, through Netty's {@link ManualIoEventLoop}) writes every request and reads
 * every answer with epoll (NIO where epoll is missing), one exchange per connection at a time, and
 * a call that finds every connection busy waits for the next free one. Netty's HTTP codec encodes
 * the requests and parses the answers; the bodies are the transport's own JSON. With TLS each
 * connection has its own {@link SslHandler} over the JDK's engine, held to TLS 1.3 and checking the
 * server's name, as the transport's Jetty client does (wrk's TLS is OpenSSL's: see docs/load.md).
 *
 * <p>Why not Jetty's client, the transport's default: it cost 25 us of client CPU per call at
 * 40,000 calls/s over 16 connections, so on one client CPU it, not the server, set the capacity
 * (36,000 to 48,000 calls/s against 53,000 to 109,000 for wrk against the same server; docs/load.md).
 * {@link HttpTransport#LOAD_CLIENT} chooses Jetty's client instead.
 *
 * <p>Every call ends: a sweep every {@link #SWEEP_MILLIS} ms fails a call unanswered or still waiting
 * for a connection after the call timeout, and closes that call's connection (its answer could
 * still come and would belong to no call).
 */
final class NettyHttpCallPool implements CallPool {

    private static final long SWEEP_MILLIS = 100;

    private final ManualIoEventLoop loop;
    private final Endpoint server;
    private final String host;
    private final long timeoutNanos;
    /** Every request's Authorization ({@link HttpAuth}); null: none. */
    private final String bearer;
    private final List<Connection> connections = new ArrayList<>();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private ScheduledFuture<?> sweep;

    private NettyHttpCallPool(Endpoint server, int timeoutMillis, String bearer) {
        this.bearer = bearer;
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.loop = new ManualIoEventLoop(Thread.currentThread(), io);
        this.server = server;
        this.host = server.toString();
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** {@code connections} connections to {@code server}, each checked with one call; owned by this thread. */
    static NettyHttpCallPool connect(RpcSettings settings, Endpoint server, int connections) throws IOException {
        NettyHttpCallPool pool = new NettyHttpCallPool(server, settings.callTimeoutMillis(), CallAuth.clientBearer(settings));
        javax.net.ssl.SSLContext tls = Tls.on(settings) ? TlsTrust.clientContext(settings) : null;
        try {
            Bootstrap bootstrap = new Bootstrap().group(pool.loop)
                    .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.callTimeoutMillis());
            for (int i = 0; i < connections; i++) {
                Connection c = pool.new Connection();
                ChannelFuture connected = bootstrap.handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(secure(tls, server));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(RestProtocol.SMALL_BODY_LIMIT), c);
                    }
                }).connect(server.host(), server.port());
                pool.runUntil(connected::isDone, System.nanoTime() + pool.timeoutNanos);
                if (!connected.isSuccess()) {
                    throw new IOException("http/netty: no connection to " + server + ": "
                            + (connected.cause() != null ? connected.cause() : "timed out"), connected.cause());
                }
                c.channel = connected.channel();
                if (tls != null) {
                    pool.awaitHandshake(c.channel.pipeline().get(SslHandler.class));
                }
                pool.connections.add(c);
                pool.idle.add(c);
            }
            pool.sweep = pool.loop.scheduleAtFixedRate(pool::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
            for (int i = 0; i < connections; i++) {
                pool.check(); // one real round trip per connection: each call takes the next idle one
            }
            return pool;
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** A client engine for {@code server}: TLS 1.3 only, the server's name checked (HTTPS endpoint identification). */
    private static SslHandler secure(javax.net.ssl.SSLContext tls, Endpoint server) {
        javax.net.ssl.SSLEngine engine = tls.createSSLEngine(server.host(), server.port());
        engine.setUseClientMode(true);
        javax.net.ssl.SSLParameters parameters = Tls.only13(engine.getSSLParameters());
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return new SslHandler(engine);
    }

    /** Waits for a connection's TLS handshake; its failure (the cause kept, for the TLS mismatch explainer) ends the setup. */
    private void awaitHandshake(SslHandler handler) throws IOException {
        io.netty.util.concurrent.Future<Channel> done = handler.handshakeFuture();
        runUntil(done::isDone, System.nanoTime() + timeoutNanos);
        if (!done.isSuccess()) {
            throw new IOException("http/netty: TLS handshake with " + server + " failed: "
                    + (done.cause() != null ? done.cause() : "timed out"), done.cause());
        }
    }

    private void check() throws IOException {
        int[] answer = {Integer.MIN_VALUE};
        RpcException[] failure = {null};
        start(0, 0, (a, f) -> {
            answer[0] = a;
            failure[0] = f;
        });
        runUntil(() -> answer[0] != Integer.MIN_VALUE || failure[0] != null,
                System.nanoTime() + timeoutNanos + TimeUnit.SECONDS.toNanos(1));
        if (failure[0] != null || answer[0] != 1) {
            throw new IOException("http/netty: no working server at " + server + ": "
                    + (failure[0] != null ? failure[0].getMessage() : "the first call was answered " + answer[0]));
        }
    }

    @Override
    public void start(int connection, int value, Outcome outcome) {
        // Like Jetty's client (and HTTP/1.1 itself), the pool, not the caller, picks a free connection.
        Connection c = idle.poll();
        if (c != null) {
            c.send(value, outcome);
        } else if (connections.isEmpty()) {
            outcome.completed(0, new RpcException("http/netty: simpleCall could not start: no open connection to "
                    + server));
        } else {
            waiting.add(new Waiting(value, outcome, System.nanoTime()));
        }
    }

    @Override
    public void runUntil(long deadlineNanos) {
        runUntil(() -> false, deadlineNanos);
    }

    /** Runs the loop until {@code done} holds or the deadline passes; reads what has arrived even when late. */
    private void runUntil(java.util.function.BooleanSupplier done, long deadlineNanos) {
        loop.runNow();
        long left;
        while (!done.getAsBoolean() && (left = deadlineNanos - System.nanoTime()) > 0) {
            loop.run(left);
        }
    }

    @Override
    public String describe() {
        return connections.size() + " persistent HTTP/1.1 connection(s) on one Netty " + (Epoll.isAvailable() ? "epoll"
                : "NIO") + " event loop run by the load generator's thread (Netty's HTTP codec, as wrk: one exchange"
                + " per connection at a time)";
    }

    @Override
    public void close() {
        if (sweep != null) {
            sweep.cancel(false);
        }
        for (Connection c : new ArrayList<>(connections)) {
            c.channel.close();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (loop.inEventLoop()) {
            runUntil(loop::isTerminated, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
        }
        failWaiting("the pool was closed");
    }

    /** Fails calls that waited or were answered too long (see the class comment). */
    private void sweep() {
        long now = System.nanoTime();
        for (Connection c : new ArrayList<>(connections)) {
            if (c.current != null && now - c.sentNanos > timeoutNanos) {
                c.fail(new RpcException("http/netty: simpleCall got no answer within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
                c.channel.close();
            }
        }
        while (!waiting.isEmpty() && now - waiting.peek().since > timeoutNanos) {
            waiting.poll().outcome.completed(0, new RpcException("http/netty: simpleCall found no free connection within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
        }
    }

    private void failWaiting(String why) {
        Waiting w;
        while ((w = waiting.poll()) != null) {
            w.outcome.completed(0, new RpcException("http/netty: simpleCall failed: " + why));
        }
    }

    /** A call that found every connection busy. */
    private record Waiting(int value, Outcome outcome, long since) {
    }

    /** One connection and the call it carries (at most one: HTTP/1.1 without pipelining). */
    private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
        Channel channel;
        Outcome current;
        long sentNanos;

        void send(int value, Outcome outcome) {
            byte[] body;
            try {
                body = RestProtocol.encodeValue(value);
            } catch (IOException e) {
                idle.add(this);
                outcome.completed(0, new RpcException("http/netty: simpleCall could not start: " + e, e));
                return;
            }
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                    RestProtocol.SIMPLE_CALL, Unpooled.wrappedBuffer(body));
            request.headers().set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.CONTENT_TYPE, RestProtocol.JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (bearer != null) {
                request.headers().set(HttpHeaderNames.AUTHORIZATION, bearer);
            }
            current = outcome;
            sentNanos = System.nanoTime();
            channel.writeAndFlush(request, channel.voidPromise());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Outcome outcome = current;
            if (outcome == null) {
                ctx.close(); // an answer to no call: the connection is out of step
                return;
            }
            current = null;
            if (response.status().code() != 200) {
                outcome.completed(0, new RpcException("http/netty: simpleCall answered HTTP " + response.status().code()));
            } else {
                try {
                    outcome.completed(RestProtocol.decodeValue(ByteBufUtil.getBytes(response.content())), null);
                } catch (IOException | RuntimeException e) {
                    outcome.completed(0, new RpcException("http/netty: simpleCall answer unreadable: " + e, e));
                }
            }
            Waiting next = waiting.poll();
            if (next != null) {
                send(next.value, next.outcome);
            } else {
                idle.add(this);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connections.remove(this);
            idle.remove(this);
            fail(new RpcException("http/netty: the server closed the connection"));
            if (connections.isEmpty()) {
                failWaiting("no open connection to " + server);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(new RpcException("http/netty: simpleCall failed: " + cause, cause));
            ctx.close();
        }

        void fail(RpcException why) {
            Outcome outcome = current;
            current = null;
            if (outcome != null) {
                outcome.completed(0, why);
            }
        }
    }
}
