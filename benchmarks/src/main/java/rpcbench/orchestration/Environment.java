package rpcbench.orchestration;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import rpcbench.api.RpcSettings;
import rpcbench.api.tls.Tls;
import rpcbench.api.tls.TlsLog;
import rpcbench.api.tls.TlsProbe;
import rpcbench.files.AtomicFiles;
import rpcbench.server.ServerLaunch;

/**
 * env.json ({@code env}): the machine and software a
 * result was measured on: OS, CPU model, cores, memory, JDK, JMH and framework versions, git
 * commit, the options of the run (everything after {@code --options}), CPU placement, and the
 * power plan (Windows) or frequency governors (Linux). Written whole, then moved into place.
 */
public final class Environment {

    private Environment() {
    }

    /** Writes env.json of this machine to {@code out}; returns the exit code (1 when it cannot be written). */
    public static int write(Path out, Map<String, String> options) {
        return write(out, options, Host.current());
    }

    /** Writes env.json of {@code host} to {@code out}; returns the exit code (1 when it cannot be written). */
    public static int write(Path out, Map<String, String> options, Host host) {
        try {
            AtomicFiles.writeJson(describe(options, host), out);
        } catch (IOException e) {
            System.err.println("env: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        System.out.println("env: wrote " + out);
        return 0;
    }

    /** The whole environment as one JSON object. */
    static ObjectNode describe(Map<String, String> options, Host host) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode env = mapper.createObjectNode();
        env.put("timestamp", OffsetDateTime.now().toString());
        ObjectNode os = env.putObject("os");
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        ObjectNode cpu = env.putObject("cpu");
        cpu.put("model", Machine.cpuModel(host));
        cpu.put("logicalCores", Runtime.getRuntime().availableProcessors());
        cpu.put("governors", String.join(",", Machine.governors(host.cpuSysfs())));
        env.put("memoryBytes", Machine.totalMemoryBytes());
        ObjectNode jdk = env.putObject("jdk");
        jdk.put("vendor", System.getProperty("java.vendor"));
        jdk.put("version", System.getProperty("java.runtime.version"));
        jdk.put("vm", System.getProperty("java.vm.name"));
        Versions.all().forEach(env.putObject("versions")::put);
        env.put("gitCommit", gitCommit(host));
        ObjectNode opts = env.putObject("options");
        options.forEach(opts::put);
        ObjectNode placement = env.putObject("placement");
        placement.put("clientCpus", given(options, "client-cpus", "all"));
        placement.put("serverCpus", given(options, "server-cpus",
                Objects.toString(RpcSettings.current().get(ServerLaunch.CPUS), "all")));
        placement.put("serverPrefix", options.getOrDefault("server-prefix",
                ServerLaunch.join(RpcSettings.current().get(ServerLaunch.PREFIX))));
        placement.put("serverAddress", options.getOrDefault("server-address",
                Objects.toString(RpcSettings.current().get(ServerLaunch.ADDRESS), "")));
        placement.put("cpusAllowedToThisProcess", Machine.cpusAllowed(host));
        env.put("powerPlan", Machine.powerPlan(host).orElse(null));
        if (options.getOrDefault("tls", "").contains("true") || options.values().stream().anyMatch(v -> v.contains("tls=true"))) {
            ObjectNode tls = env.putObject("tls");
            tls.put("protocol", Tls.PROTOCOL);
            tls.put("certificate", "self-signed EC P-256 SHA256withECDSA made by keytool at each server's start");
            tls.put("jdkNegotiated", TlsProbe.jdkDefault());
            tls.put("servers", "each server's first handshake: the '" + TlsLog.PREFIX.trim() + "' lines of the run's log");
        }
        return env;
    }

    /** The option's value when it was given and is not empty; {@code otherwise} else. */
    private static String given(Map<String, String> options, String key, String otherwise) {
        String value = options.get(key);
        return value == null || value.isEmpty() ? otherwise : value;
    }

    /** The checked-out commit, with "-dirty" when files differ from it; unknown without git. */
    static String gitCommit(Host host) {
        return Machine.output(host.os().commands(), "git", "rev-parse", "HEAD")
                .map(c -> Machine.output(host.os().commands(), "git", "status", "--porcelain", "--untracked-files=no")
                        .isPresent()
                        ? c + "-dirty" : c)
                .orElse(Machine.UNKNOWN);
    }
}
