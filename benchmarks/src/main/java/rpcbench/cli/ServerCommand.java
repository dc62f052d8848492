package rpcbench.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import rpcbench.api.AppServers;
import rpcbench.api.RpcSettings;
import rpcbench.api.ServerMode;
import rpcbench.api.Transports;
import rpcbench.server.ServerMain;

/** {@code server --transport NAME [--port P] [--bind ADDRESS]}. */
@Command(name = "server", mixinStandardHelpOptions = true, description = {"Runs one server in the foreground until"
        + " Ctrl-C; a run then uses it with -Drpcbench.server.address=HOST:PORT -p transport=NAME. Prints READY <port>"
        + " when it serves."})
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--transport", required = true, paramLabel = "NAME", description = "which server: a transport,"
            + " or an application's server over one (app-transport, docs/your-service.md)")
    String transport;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0", converter = Bounded.Port.class,
            description = "the port to listen on (default 0: any free one)")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to listen on (default: ${DEFAULT-VALUE}); anything else is loudly warned about")
    String bind;

    @Override
    public Integer call() {
        try {
            if (AppServers.find(transport) == null) { // an application's server (app-transport) has no modes
                ServerMode.chosen(Transports.byName(transport), RpcSettings.current()); // one line, not a stack trace
            }
            InetAddress.getByName(bind);
        } catch (IllegalArgumentException | UnknownHostException e) {
            System.err.println("server: " + (e instanceof UnknownHostException
                    ? "--bind '" + bind + "' is not an address of this machine" : e.getMessage()));
            return Cli.EXIT_BAD_INPUT;
        }
        // The one server entry point, the same the benchmarks start, without its control channel.
        ServerMain.main(new String[] {"--transport", transport, "--bind", bind, "--port", Integer.toString(port),
                "--foreground"});
        return Cli.EXIT_OK;
    }
}
