package rpcbench.contract;

/**
 * Runs test code with a system property set, then restores it. Clients read their settings when
 * created, and ServerProcess forwards rpcbench.* properties to the servers it starts, so one
 * property set around a start or a connect configures that server or client only.
 */
public final class SystemProperties {

    /** The code to run; it may throw the exception type of the test. */
    public interface Action<T, E extends Exception> {
        T run() throws E;
    }

    private SystemProperties() {
    }

    public static <T, E extends Exception> T with(String name, String value, Action<T, E> action) throws E {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return action.run();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }
}
