package org.uma4j.integration.jetty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uma4j.dbg.Finding;
import org.uma4j.dbg.FindingKind;
import org.uma4j.integration.DebugFixture;

/** The debug layer's detectors on Jetty buffers: seeded bugs are caught with their sites, clean traffic is silent. */
class JettyDebugTest {

    @Test
    @Timeout(60)
    void cleanTrafficReportsNothing() throws Exception {
        try (DebugFixture fx = new DebugFixture("j", "level=full,policy=throw")) {
            ZoneByteBufferPool pool = new ZoneByteBufferPool(fx.zones, new ArrayByteBufferPool());
            Server server = JettyTraffic.start(new JettyTraffic.EchoHandler(b -> { }), pool::install);
            try {
                for (byte[][] e : JettyTraffic.post(server, 20, 50_000, 21)) {
                    assertArrayEquals(e[0], e[1]);
                }
            } finally {
                server.stop();
            }
            fx.zones.drain(); // fini verifies the trash of every cached item
            assertEquals(0, fx.dbg.collectLeaks(Duration.ofMillis(300)));
            assertTrue(fx.findings.isEmpty(), fx.findings::toString);
            assertTrue(fx.zones.stats().stream().mapToLong(s -> s.requests()).sum() >= 40);
        }
    }

    @Test
    @Timeout(60)
    void writeAfterReleaseIsCaughtWithTheAllocationSite() throws Exception {
        try (DebugFixture fx = new DebugFixture("j", "level=full,policy=log,quarantine=off")) {
            ZoneByteBufferPool pool = new ZoneByteBufferPool(fx.zones, new ArrayByteBufferPool());
            // The seeded bug, as in Jetty's HTTP/2 reports: the handler keeps using its response
            // buffer after releasing it, then acquires the same size again (the same item, LIFO).
            JettyTraffic.AfterWrite bug = released -> {
                ByteBuffer stale = released.getByteBuffer();
                stale.put(0, (byte) 0x66);
                pool.acquire(stale.capacity(), false).release();
            };
            Server server = JettyTraffic.start(new JettyTraffic.EchoHandler(bug), pool::install);
            try {
                JettyTraffic.post(server, 3, 2000, 22);
            } finally {
                server.stop();
            }
            List<Finding> fs = fx.of(FindingKind.MODIFIED_AFTER_FREE);
            assertFalse(fs.isEmpty(), fx.findings::toString);
            Finding f = fs.get(0);
            assertEquals(0, f.offset());
            assertEquals(JettyTraffic.EchoHandler.class.getName(), f.allocSite().className());
            assertEquals("handle", f.allocSite().methodName());
            assertTrue(f.zone().startsWith("j-"), f.zone());
        }
    }

    @Test
    void doubleReleaseIsReportedWithTheAllocationSiteAndStillThrowsJettysException() {
        try (DebugFixture fx = new DebugFixture("j", "level=full,policy=log")) {
            ZoneByteBufferPool pool = new ZoneByteBufferPool(fx.zones, new ArrayByteBufferPool());
            RetainableByteBuffer b = pool.acquire(4096, false);
            assertTrue(b.release());
            IllegalStateException e = assertThrows(IllegalStateException.class, b::release);
            assertTrue(e.getMessage().contains("released"), e.getMessage());
            List<Finding> fs = fx.of(FindingKind.DUPLICATE_FREE);
            assertEquals(1, fs.size(), fx.findings::toString);
            assertEquals(JettyDebugTest.class.getName(), fs.get(0).allocSite().className());
        }
    }

    @Test
    @Timeout(30)
    void leakIsReportedWithItsSite() throws Exception {
        try (DebugFixture fx = new DebugFixture("j", "level=full,policy=log,quarantine=off")) {
            ZoneByteBufferPool pool = new ZoneByteBufferPool(fx.zones, new ArrayByteBufferPool());
            leak(pool);
            assertEquals(1, fx.collectLeaks(1, 50));
            Finding f = fx.of(FindingKind.LEAK).get(0);
            assertEquals(JettyDebugTest.class.getName(), f.allocSite().className());
            assertEquals("leak", f.allocSite().methodName());
        }
    }

    private static void leak(ZoneByteBufferPool pool) {
        RetainableByteBuffer.Mutable lost = pool.acquire(300, false);
        lost.put((byte) 1);
    }
}
