package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.Zone;

class GcLeakTest {

    /** Allocates and drops the handle without freeing it; returns the item behind it. */
    private static Item leak(Zone<Buf> zone, int site) {
        Buf b = zone.alloc(Zone.WAITOK, site);
        b.writeByte(1);
        return b.slot();
    }

    @Test
    void aHandleCollectedWhileAllocatedIsALeakWithItsSiteAndTheItemIsNeverReused() throws Exception {
        try (DbgFixture fx = new DbgFixture("level=full,quarantine=off")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Item leaked = leak(zone, fx.site("leaky", 140));
            assertEquals(1, fx.dbg.collectLeaks(Duration.ofSeconds(10)));

            List<Finding> fs = fx.of(FindingKind.LEAK);
            assertEquals(1, fs.size());
            Finding f = fs.get(0);
            assertEquals(140, f.allocSite().line());
            assertEquals(leaked.index(), f.index());
            assertEquals(leaked.slabId(), f.slabId());
            assertNotNull(f.allocStack()); // FULL records the stack
            assertEquals("alloc", f.accessRecords().get(0).what());
            assertEquals(1, fx.dbg.leakedItems());
            assertEquals(1, fx.dbg.zone("buf").leaked());
            for (int i = 0; i < 300; i++) { // a leaked item never comes back
                Buf b = zone.alloc();
                assertNotSame(leaked, b.slot());
                zone.free(b);
            }
        }
    }

    @Test
    void freedHandlesAreNeverReportedWhenCollected() throws Exception {
        try (DbgFixture fx = new DbgFixture("level=full,policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            for (int i = 0; i < 200; i++) {
                Buf b = zone.alloc();
                zone.free(b);
            }
            assertEquals(0, fx.dbg.collectLeaks(Duration.ofMillis(200)));
            assertEquals(0, fx.dbg.findings().count());
        }
    }

    @Test
    void theAllocationPathReportsLeaksWithoutThrowingThemAtAnInnocentCaller() throws Exception {
        try (DbgFixture fx = new DbgFixture("level=full,policy=throw,quarantine=off")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            leak(zone, fx.site("leaky", 150));
            for (int i = 0; i < 50 && fx.findings.isEmpty(); i++) {
                System.gc();
                Thread.sleep(10);
                zone.free(zone.alloc()); // polls the queue; must not throw
            }
            assertEquals(1, fx.of(FindingKind.LEAK).size());
            assertTrue(fx.log.get(0).startsWith("UMA4J LEAK: "));
            assertFalse(fx.log.get(0).isEmpty());
        }
    }
}
