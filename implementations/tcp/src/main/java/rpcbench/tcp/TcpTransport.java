package rpcbench.tcp;

import java.util.List;

import rpcbench.api.MessageCodec;
import rpcbench.api.RpcImplementation;
import rpcbench.api.RpcServer;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.Transport;
import rpcbench.api.tls.Tls;
import rpcbench.codec.Messages;

/** The raw-TCP floor that every report compares against. */
public final class TcpTransport implements Transport {

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public List<MessageCodec> codecs() {
        return Messages.EVERY_CODEC;
    }

    @Override
    public RpcImplementation newClient(RpcSettings settings) {
        return new TcpClient(settings);
    }

    @Override
    public RpcServer newServer(RpcSettings settings) {
        ServerMode mode = ServerMode.chosen(this, settings);
        if (mode == TcpSelectorServer.SELECTOR && Tls.on(settings)) {
            throw new IllegalArgumentException("tcp server mode 'selector' cannot serve TLS (its NIO selector has no"
                    + " SSLEngine in rpc-bench; valid with -p tls=true: " + TcpServer.THREAD.name() + ", " + TcpServer.VIRTUAL.name() + ")");
        }
        return mode == TcpSelectorServer.SELECTOR ? new TcpSelectorServer(settings) : new TcpServer(settings, mode);
    }

    @Override
    public List<ServerMode> serverModes() {
        return List.of(TcpServer.THREAD, TcpServer.VIRTUAL, TcpSelectorServer.SELECTOR);
    }

    @Override
    public boolean sharesPort() {
        return true; // SO_REUSEPORT on its listening socket (SharedPort)
    }

    @Override
    public String whyNoAsyncCalls() {
        return "the raw TCP floor is a blocking client whose calling thread writes a request and reads its"
                + " reply, one call at a time; it has no framework API for calls in flight";
    }
}
