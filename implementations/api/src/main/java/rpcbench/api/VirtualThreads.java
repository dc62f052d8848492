package rpcbench.api;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads (JDK 21) for a code base built for Java 17: reached by reflection, so that one
 * jar runs on 17 (where a mode that needs them is refused by {@link ServerMode#choose} before a
 * server starts) and uses them on 21 and later.
 */
public final class VirtualThreads {

    private VirtualThreads() {
    }

    /**
     * {@code Thread.ofVirtual().name(prefix, 0).factory()}: virtual threads named prefix0, prefix1, ...
     *
     * @throws UnsupportedOperationException on a JDK without virtual threads
     */
    public static ThreadFactory factory(String prefix) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            Method name = builderType.getMethod("name", String.class, long.class);
            return (ThreadFactory) builderType.getMethod("factory").invoke(name.invoke(builder, prefix, 0L));
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("virtual threads need JDK " + ServerMode.VIRTUAL_THREADS_JDK
                    + " or later; this JVM is JDK " + Runtime.version().feature(), e);
        }
    }
}
