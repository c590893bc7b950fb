package org.uma4j.integration.jetty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uma4j.alloc.Layout;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.alloc.ZoneStats;
import org.uma4j.integration.BufZones;

/** Real HTTP traffic on loopback through the zone pool, without the debug layer. */
class JettyEchoTest {
    private final BufZones zones = new BufZones("jt", new ZoneRegistry(), Layout.PER_ITEM, BufZones.DEFAULT_MAX_SIZE);
    private final ZoneByteBufferPool pool = new ZoneByteBufferPool(zones, new ArrayByteBufferPool());

    @Test
    @Timeout(60)
    void echoIsCorrectAndEveryBufferWentBackToItsZone() throws Exception {
        Server server = JettyTraffic.start(new JettyTraffic.EchoHandler(b -> { }),
                s -> assertTrue(pool.install(s)));
        try {
            assertSame(pool, server.getByteBufferPool());
            assertSame(pool, server.getConnectors()[0].getByteBufferPool());
            List<byte[][]> exchanges = JettyTraffic.post(server, 40, 100_000, 3);
            for (byte[][] e : exchanges) {
                assertArrayEquals(e[0], e[1]);
            }
        } finally {
            server.stop();
        }
        long requests = 0;
        for (ZoneStats s : zones.stats()) {
            requests += s.requests();
            assertEquals(0, s.used(), s.name() + " has buffers out after the server stopped");
        }
        // Per request: the echo buffer, the connection's request buffer and the response buffers.
        assertTrue(requests >= 80, "requests: " + requests);
        assertTrue(zones.fallbacks() > 0, "bodies above 64 KiB fall back to plain buffers");
    }

    @Test
    void acquireGivesAFlushModeBufferOfTheRequestedSizeFromItsClass() {
        RetainableByteBuffer b = pool.acquire(1000, false);
        assertEquals(1000, b.capacity());
        assertEquals(0, b.remaining());
        assertFalse(b.isDirect());
        assertEquals(1, zones.zoneFor(1000).stats().used());
        b.retain();
        assertFalse(b.release());
        assertTrue(b.release());
        assertEquals(0, zones.used());
        IllegalStateException e = assertThrows(IllegalStateException.class, b::release);
        assertTrue(e.getMessage().contains("released"), e.getMessage());
        RetainableByteBuffer d = pool.acquire(1000, true);
        assertTrue(d.isDirect());
        d.release();
    }

    @Test
    void installRefusesAStartedServerAndIsIdempotent() throws Exception {
        Server server = JettyTraffic.start(new JettyTraffic.EchoHandler(b -> { }), s -> { });
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> pool.install(server));
            assertTrue(e.getMessage().startsWith("server: "), e.getMessage());
        } finally {
            server.stop();
        }
        Server fresh = new Server();
        assertTrue(pool.install(fresh, false));
        assertFalse(pool.install(fresh, false));
    }
}
