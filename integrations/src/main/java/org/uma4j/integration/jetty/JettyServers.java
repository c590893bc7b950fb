package org.uma4j.integration.jetty;

import java.lang.reflect.Field;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.uma4j.integration.BufZones;

/**
 * The part of {@link JettyIntegration} that needs Jetty: loaded only after the check for it.
 *
 * <p>Threading: stateless; the caller keeps the server from starting meanwhile.
 */
final class JettyServers {
    private JettyServers() {
    }

    static Object createPool(String prefix) {
        return new ZoneByteBufferPool(new BufZones(prefix), new ArrayByteBufferPool());
    }

    /**
     * See {@link ZoneByteBufferPool#install(Server, boolean)}; {@code zonePool} is a
     * ZoneByteBufferPool. With {@code onlyJettyDefault} (the agent's case) a server whose pool
     * is not a plain {@link ArrayByteBufferPool} (the application chose one, such as
     * {@code ArrayByteBufferPool.Tracking}) is left alone and false is returned.
     */
    static boolean install(Object target, Object zonePool, boolean heapIo, boolean onlyJettyDefault) {
        Server server = (Server) target;
        ZoneByteBufferPool pool = (ZoneByteBufferPool) zonePool;
        if (server.isStarted()) {
            throw new IllegalStateException("server: " + server + " is started (expected: not started;"
                    + " its connections already hold buffers from " + server.getByteBufferPool() + ")");
        }
        ByteBufferPool old = server.getByteBufferPool();
        if (onlyJettyDefault && old != pool && old.getClass() != ArrayByteBufferPool.class) {
            return false;
        }
        if (heapIo) {
            useHeapBuffers(server);
        }
        if (old == pool) {
            return false;
        }
        setPool(Server.class, server, pool);
        server.updateBean(old, pool);
        for (Connector c : server.getConnectors()) {
            if (c instanceof AbstractConnector && c.getByteBufferPool() == old) {
                setPool(AbstractConnector.class, c, pool);
                ((AbstractConnector) c).updateBean(old, pool);
            }
        }
        return true;
    }

    /** Returns true if {@code server} takes its buffers from {@code pool}. */
    static boolean usesPool(Object server, Object pool) {
        return ((Server) server).getByteBufferPool() == pool;
    }

    /** Makes every HTTP connection factory of the server's connectors ask for heap buffers. */
    private static void useHeapBuffers(Server server) {
        for (Connector c : server.getConnectors()) {
            for (ConnectionFactory f : c.getConnectionFactories()) {
                if (f instanceof HttpConfiguration.ConnectionFactory) {
                    HttpConfiguration cfg = ((HttpConfiguration.ConnectionFactory) f).getHttpConfiguration();
                    cfg.setUseInputDirectByteBuffers(false);
                    cfg.setUseOutputDirectByteBuffers(false);
                }
            }
        }
    }

    /** Sets the final {@code _bufferPool} field that {@code owner} declares (no setter exists). */
    private static void setPool(Class<?> owner, Object target, ByteBufferPool pool) {
        try {
            Field f = owner.getDeclaredField("_bufferPool");
            f.setAccessible(true);
            f.set(target, pool);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("uma4j: cannot set " + owner.getName() + "._bufferPool of " + target
                    + " (" + e + "); expected: Jetty 12 on the class path (not a named module without"
                    + " opens to uma4j), or pass the pool to the constructor", e);
        }
    }
}
