package rpcbench.tcp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Enforces the call timeout of blocking TCP clients, and the idle timeout of server connections,
 * without socket read timeouts.
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
    private static final Set<Watched> WATCHED = ConcurrentHashMap.newKeySet();

    /** A connection that closes itself when it has made no progress for too long. */
    interface Watched {
        void checkStall(long nowNanos);
    }

    static {
        Thread scanner = new Thread(TcpDeadlines::scanForever, "tcp-call-deadlines");
        scanner.setDaemon(true);
        scanner.start();
    }

    private TcpDeadlines() {
    }

    static void watch(Watched connection) {
        WATCHED.add(connection);
    }

    static void unwatch(Watched connection) {
        WATCHED.remove(connection);
    }

    private static void scanForever() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(SCAN_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watched connection : WATCHED) {
                connection.checkStall(now);
            }
        }
    }
}
