package org.uma4j.integration.jetty;

/**
 * The agent's entry points for Jetty 12: a one-line advice at the entry of
 * {@code org.eclipse.jetty.server.Server.doStart()} calls {@link #installOn(Object)}, which
 * gives the server, and the connectors that share its pool, the shared
 * {@link ZoneByteBufferPool} and makes its HTTP connections ask for heap buffers (see
 * the README's Netty and Jetty guide). Explicit users call {@link ZoneByteBufferPool#shared()} and
 * {@link ZoneByteBufferPool#install} instead, or pass a pool to {@code new Server(...)}.
 *
 * <pre>{@code
 * // explicit, without the agent
 * Server server = new Server(8080);
 * ZoneByteBufferPool.shared().install(server);   // before start()
 * // the agent's advice, at the entry of Server.doStart()
 * JettyIntegration.installOn(this);
 * }</pre>
 *
 * <p>Every signature here is made of JDK types only, so this class links, and reflection over
 * it works, in an application without Jetty; the entry points check for Jetty first and
 * return at once without it.
 *
 * <p>Threading: all methods are safe for any thread; the shared pool is made once under the
 * class monitor and published through a volatile field. An install must not race with the
 * server's own start (the advice runs on the starting thread).
 */
public final class JettyIntegration {
    /** The class whose presence says the application has Jetty 12's buffer API. */
    static final String PROBE = "org.eclipse.jetty.io.RetainableByteBuffer$Mutable";
    /** Prefix of the shared pool's zones: {@code jetty-64} ... {@code jetty-65536}. */
    public static final String ZONE_PREFIX = "jetty";

    private static volatile Object shared; // the ZoneByteBufferPool, once made; Object keeps linkage Jetty-free

    private JettyIntegration() {
    }

    /** Returns true if Jetty 12's buffer API is visible to this class's loader. */
    public static boolean isAvailable() {
        try {
            Class.forName(PROBE, false, JettyIntegration.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Returns the shared pool, making it on first use (zones {@code jetty-*}, global registry). */
    static Object sharedPool() {
        Object p = shared;
        return p != null ? p : makeShared();
    }

    private static synchronized Object makeShared() {
        Object p = shared;
        if (p == null) {
            p = JettyServers.createPool(ZONE_PREFIX);
            shared = p; // volatile write publishes the pool and its zones
        }
        return p;
    }

    /**
     * The hook for an agent advice at the entry of the constructor
     * {@code Server(ThreadPool, Scheduler, ByteBufferPool)}, which every other {@code Server}
     * constructor calls: returns the pool argument to use, {@code requested} if the application
     * passed one, else the shared pool. Connectors made later without a pool of their own take
     * the server's, so no field needs to be set by reflection (the route for JDK 26 and later,
     * where deep reflection on final fields warns; see the README's Netty and Jetty guide).
     *
     * @param requested the constructor's pool argument, an {@code org.eclipse.jetty.io.ByteBufferPool} or null
     * @return {@code requested} if not null; else the shared pool, or null if Jetty is absent
     */
    public static Object poolFor(Object requested) {
        if (requested != null || !isAvailable()) {
            return requested;
        }
        return sharedPool();
    }

    /**
     * Gives a server that is not started the shared pool, as
     * {@link ZoneByteBufferPool#install(org.eclipse.jetty.server.Server, boolean)
     * ZoneByteBufferPool.shared().install(server, true)} does.
     *
     * @param server an {@code org.eclipse.jetty.server.Server}
     * @return true if the server's pool was replaced, false if it already had the shared pool
     * @throws IllegalStateException if Jetty is absent, the server is started, or a pool field cannot be set
     * @throws ClassCastException if {@code server} is not a Jetty server
     */
    public static boolean install(Object server) {
        if (!isAvailable()) {
            throw new IllegalStateException("uma4j: jetty integration: " + PROBE + " not found (expected: Jetty 12)");
        }
        return JettyServers.install(server, sharedPool(), true, false);
    }

    /**
     * The hook for the agent's advice at the entry of {@code Server.doStart()}: as
     * {@link #install(Object)}, but it never throws, because it runs inside the application's
     * start (a failure is printed as one line and the server runs on its own pool), and it
     * leaves alone a server whose pool the application chose (anything but a plain
     * {@code ArrayByteBufferPool}, Jetty's default), such as a {@code Tracking} pool.
     *
     * @param server an {@code org.eclipse.jetty.server.Server}
     * @return true if the server now uses the shared pool
     */
    public static boolean installOn(Object server) {
        if (server == null || !isAvailable()) {
            return false;
        }
        try {
            Object pool = sharedPool();
            JettyServers.install(server, pool, true, true);
            return JettyServers.usesPool(server, pool);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("uma4j: jetty integration not installed on " + server + ": " + e
                    + " (the server keeps its own ByteBufferPool;"
                    + " pass ZoneByteBufferPool.shared() to its constructor)");
            return false;
        }
    }
}
