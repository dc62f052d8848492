package rpcbench.tcp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Enforces the call timeout of blocking TCP clients without socket read timeouts.
 *
 * <p>Why: with SO_TIMEOUT set, the JDK's socket implementation reads in non-blocking mode and
 * waits in poll() (three system calls per read instead of one), a measurable cost on a round trip
 * of 15 to 25 µs. So reads block without a timeout and this one daemon thread watches every
 * client instead: a client whose call has made no progress for the timeout has its socket closed,
 * which ends the blocked read with an exception that the client reports as a timeout.
 */
final class TcpDeadlines {

    /** How often stalled calls are looked for; a timeout fires up to this much late. */
    private static final long SCAN_MILLIS = 100;
    private static final Set<TcpClient> WATCHED = ConcurrentHashMap.newKeySet();

    static {
        Thread scanner = new Thread(TcpDeadlines::scanForever, "tcp-call-deadlines");
        scanner.setDaemon(true);
        scanner.start();
    }

    private TcpDeadlines() {
    }

    static void watch(TcpClient client) {
        WATCHED.add(client);
    }

    static void unwatch(TcpClient client) {
        WATCHED.remove(client);
    }

    private static void scanForever() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(SCAN_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (TcpClient client : WATCHED) {
                client.checkStall(now);
            }
        }
    }
}
