package org.uma4j.integration.jetty;

import org.eclipse.jetty.server.Server;

/**
 * Entry points that put uma4j zones under a Jetty 12 server's heap buffers: explicitly
 * ({@code new Server(threadPool, scheduler, JettyIntegration.pool())}), or for an unmodified
 * server that is not started yet ({@link #install(Server)}, which the agent calls from a
 * one-line advice at the entry of {@code Server.doStart()} through {@link #installOn(Object)};
 * see {@code integrations/GUIDE.md}).
 *
 * <pre>{@code
 * Server server = new Server(8080);
 * JettyIntegration.install(server);   // before start()
 * server.start();
 * }</pre>
 *
 * <p>This class links without Jetty for its JDK-typed entry points ({@link #isAvailable()},
 * {@link #installOn(Object)}), which return at once when Jetty is absent.
 *
 * <p>Threading: all methods are safe for any thread; the shared pool is made once under the
 * class monitor and published through a volatile field. {@link #install(Server)} must not race
 * with the server's own start.
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

    /** Returns the shared pool (zones {@code jetty-*} in the global registry), making it on first use. */
    public static ZoneByteBufferPool pool() {
        Object p = shared;
        return (ZoneByteBufferPool) (p != null ? p : makeShared());
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
     * Makes a server that is not started yet take its buffers from the shared pool, and makes
     * its HTTP connections ask for heap buffers, so that request and response bytes are served
     * by the zones (see {@link #install(Server, ZoneByteBufferPool, boolean)}).
     *
     * @return true if the server's pool was replaced, false if it already was the pool
     * @throws IllegalStateException if the server is started, or its pool field cannot be set
     */
    public static boolean install(Server server) {
        return install(server, pool(), true);
    }

    /**
     * Replaces the server's {@code ByteBufferPool}, and that of each connector that shared it,
     * with {@code pool}; Jetty has no setter for either (both are final fields set by the
     * constructors), so they are set reflectively, and the component beans are swapped.
     * Connectors that were given a pool of their own keep it.
     *
     * @param server a server that is not started (a call from {@code doStart()} is fine)
     * @param pool the pool
     * @param heapIo true to switch each HTTP connection factory's configuration to heap buffers
     *        for input and output (Jetty's default is direct: the zones would see little traffic)
     * @return true if the server's pool was replaced, false if it already was {@code pool}
     * @throws IllegalStateException if the server is started, or a pool field cannot be set
     */
    public static boolean install(Server server, ZoneByteBufferPool pool, boolean heapIo) {
        return JettyServers.install(server, pool, heapIo);
    }

    /**
     * The hook for the agent's advice at the entry of {@code Server.doStart()}:
     * {@link #install(Server)} for a server typed as {@code Object}. Never throws: a failure is
     * printed as one line and the server runs on its own pool.
     *
     * @param server an {@code org.eclipse.jetty.server.Server}
     * @return true if the server now uses the shared pool
     */
    public static boolean installOn(Object server) {
        if (server == null || !isAvailable()) {
            return false;
        }
        try {
            JettyServers.install(server, pool(), true);
            return true;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("uma4j: jetty integration not installed on " + server + ": " + e
                    + " (the server keeps its own ByteBufferPool; pass JettyIntegration.pool() to its constructor)");
            return false;
        }
    }
}
