package rpcbench.bench;

import java.io.IOException;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import rpcbench.api.Endpoint;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcSettings;
import rpcbench.api.Transport;
import rpcbench.api.tls.Tls;

/**
 * One client connection per benchmark thread (Scope.Thread), made once per trial against the
 * shared {@link ServerFixture}; setup returns after one real round trip, so no measurement sees
 * connection start-up.
 *
 * <p>It also keeps the score honest: a benchmark method counts wrong answers here with one
 * comparison (the same cost for every transport), and {@link #failOnWrongAnswers()} fails the
 * iteration outside the timed code, so a transport that returns wrong data cannot post a score.
 */
@State(Scope.Thread)
public class ClientFixture {

    private RpcImplementation rpc;
    private Transport transport;
    private long wrongAnswers;
    private String firstWrongAnswer;

    private Endpoint endpoint;
    private RpcSettings settings;

    @Setup(Level.Trial)
    public void connect(ServerFixture server) throws IOException {
        transport = server.resolved();
        endpoint = server.endpoint();
        settings = server.clientSettings();
        rpc = connect(transport, settings, endpoint);
    }

    /** A new client of {@code transport}, set up against {@code endpoint} (one real round trip done). */
    static RpcImplementation connect(Transport transport, RpcSettings settings, Endpoint endpoint) throws IOException {
        return transport.connect(settings, endpoint);
    }

    /**
     * Counts a failed call (reported as ·failedCalls next to ·calls by {@link CostProfiler}) and
     * replaces the connection, which a failure leaves unusable. When the server is gone the new
     * connection fails too, and that ends the benchmark with an error naming the transport.
     */
    public void callFailed(RuntimeException failure) {
        CostMeter.failedCall();
        rpc.teardown();
        try {
            rpc = connect(transport, settings, endpoint);
        } catch (IOException | RuntimeException e) {
            e.addSuppressed(failure);
            throw new IllegalStateException(transport.name() + ": a call failed (" + failure.getMessage()
                    + ") and reconnecting failed too: " + e.getMessage(), e);
        }
    }

    @TearDown(Level.Iteration)
    public void failOnWrongAnswers() {
        if (wrongAnswers > 0) {
            long count = wrongAnswers;
            wrongAnswers = 0;
            throw new IllegalStateException(transport.name() + ": " + count + " wrong answer(s) in this iteration; first: "
                    + firstWrongAnswer);
        }
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        if (rpc != null) {
            rpc.teardown();
        }
    }

    /** The connection; benchmark methods call it directly. */
    public RpcImplementation rpc() {
        return rpc;
    }

    public String transport() {
        return transport.name();
    }

    /**
     * A new connection to the same server (for benchmarks whose operation is connecting); with TLS
     * and {@code resumed}, one that may resume the session of a connection made before it
     * ({@link Tls#RESUME}).
     */
    RpcImplementation newConnection(boolean resumed) throws IOException {
        return connect(transport, resumed ? settings.with(Tls.RESUME, true) : settings, endpoint);
    }

    /** Records a wrong answer; the description is built only on this (never taken) path. */
    public void wrongAnswer(String description) {
        if (wrongAnswers++ == 0) {
            firstWrongAnswer = description;
        }
    }
}
