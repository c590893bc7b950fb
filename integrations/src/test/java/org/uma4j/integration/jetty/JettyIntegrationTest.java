package org.uma4j.integration.jetty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uma4j.alloc.ZoneStats;

/** The agent's entry point, called where its advice runs: at the entry of Server.doStart(). */
class JettyIntegrationTest {

    /** A server with the hook exactly where the agent's advice puts it. */
    static final class AdvisedServer extends Server {
        @Override
        protected void doStart() throws Exception {
            JettyIntegration.installOn(this); // the advice, one line
            super.doStart();
        }
    }

    @Test
    @Timeout(60)
    void anUnmodifiedServerCarriesTrafficThroughTheSharedZones() throws Exception {
        ZoneByteBufferPool shared = ZoneByteBufferPool.shared();
        long before = shared.zones().stats().stream().mapToLong(ZoneStats::requests).sum();
        Server server = new AdvisedServer();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new JettyTraffic.EchoHandler(b -> { }));
        server.start();
        try {
            assertSame(shared, server.getByteBufferPool());
            assertSame(shared, connector.getByteBufferPool());
            for (byte[][] e : JettyTraffic.post(server, 10, 20_000, 9)) {
                assertArrayEquals(e[0], e[1]);
            }
        } finally {
            server.stop();
        }
        long requests = shared.zones().stats().stream().mapToLong(ZoneStats::requests).sum() - before;
        assertTrue(requests >= 20, "requests: " + requests);
        assertEquals(0, shared.zones().used());
    }

    @Test
    void aPoolTheApplicationChoseIsLeftAlone() {
        ArrayByteBufferPool.Tracking tracking = new ArrayByteBufferPool.Tracking();
        Server server = new Server(null, null, tracking);
        assertFalse(JettyIntegration.installOn(server));
        assertSame(tracking, server.getByteBufferPool());
        assertTrue(JettyIntegration.install(server), "the explicit install replaces it");
        assertSame(ZoneByteBufferPool.shared(), server.getByteBufferPool());
    }

    @Test
    void theConstructorArgumentRouteNeedsNoReflection() {
        ArrayByteBufferPool own = new ArrayByteBufferPool();
        assertSame(own, JettyIntegration.poolFor(own), "a pool the application passed is kept");
        Server server = new Server(null, null, (ByteBufferPool) JettyIntegration.poolFor(null)); // the advice
        ServerConnector connector = new ServerConnector(server);
        assertSame(ZoneByteBufferPool.shared(), server.getByteBufferPool());
        assertSame(ZoneByteBufferPool.shared(), connector.getByteBufferPool());
        assertTrue(JettyIntegration.installOn(server), "doStart's hook then only switches to heap I/O");
    }

    @Test
    void installOnNeverThrows() throws Exception {
        assertFalse(JettyIntegration.installOn(null));
        assertFalse(JettyIntegration.installOn("not a server"));
        assertThrows(ClassCastException.class, () -> JettyIntegration.install("not a server"));
    }
}
