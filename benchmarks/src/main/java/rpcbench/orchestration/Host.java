package rpcbench.orchestration;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import rpcbench.os.CpuList;
import rpcbench.os.Os;
import rpcbench.os.ServerRegistry;

/**
 * Everything {@code preflight}, {@code env} and {@code run} ask of the machine, as one value. The
 * real one is {@link #current()}; tests hand in another machine's answers, so that Linux CI runs
 * the Windows code paths: {@link #asWindows} has no /proc, no command lines of other processes, no
 * load average, and PowerShell and powercfg answering from fixtures.
 *
 * @param os            Windows or not, and how its tools run
 * @param proc          Linux's /proc (absent on Windows)
 * @param cpuSysfs      Linux's /sys/devices/system/cpu (frequency governors, online CPUs)
 * @param servers       where rpc-bench servers announce themselves
 * @param processes     the processes of the machine
 * @param commandLine   a process's command line, where the OS shows it (never on Windows)
 * @param loadAverage   the one-minute load average, or a negative number where there is none
 * @param cpuLoad       the share of all CPUs in use (0..1), measured over about a second; negative when unknown
 * @param cores         logical CPUs of the machine
 * @param pid           this process
 */
public record Host(Os os, Path proc, Path cpuSysfs, ServerRegistry servers, Supplier<Stream<ProcessHandle>> processes,
                   Function<ProcessHandle, Optional<String>> commandLine, DoubleSupplier loadAverage,
                   DoubleSupplier cpuLoad, int cores, long pid) {

    /** This machine. */
    public static Host current() {
        var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Host(Os.current(), Path.of("/proc"), Path.of("/sys/devices/system/cpu"), ServerRegistry.forThisUser(),
                ProcessHandle::allProcesses, p -> p.info().commandLine(), bean::getSystemLoadAverage,
                () -> sampleCpuLoad(bean), Runtime.getRuntime().availableProcessors(), ProcessHandle.current().pid());
    }

    public boolean windows() {
        return os.windows();
    }

    /**
     * This machine as Windows shows itself: no /proc, no command line of any other process, no load
     * average, and {@code os}'s tools (fakes that answer as PowerShell and powercfg would).
     */
    public Host asWindows(Os windows, Path nowhere, double cpuLoadShare) {
        return new Host(windows, nowhere.resolve("no-proc"), nowhere.resolve("no-sysfs"), servers, processes,
                p -> Optional.empty(), () -> -1, () -> cpuLoadShare, cores, pid);
    }

    /** The CPUs this machine has (Linux: the online ones), or null when it does not tell. */
    public CpuList onlineCpus() {
        return Machine.onlineCpus(this);
    }

    /** The same machine with its servers announced in {@code registry}. */
    public Host withServers(ServerRegistry registry) {
        return new Host(os, proc, cpuSysfs, registry, processes, commandLine, loadAverage, cpuLoad, cores, pid);
    }

    /** Windows' whole-system CPU load needs two samples (the first call starts the counter). */
    private static double sampleCpuLoad(com.sun.management.OperatingSystemMXBean bean) {
        bean.getCpuLoad();
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        return bean.getCpuLoad();
    }
}
