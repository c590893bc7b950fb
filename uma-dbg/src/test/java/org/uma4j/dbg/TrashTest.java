package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Reclaim;
import org.uma4j.alloc.Zone;

class TrashTest {

    @Test
    void writeAfterFreeIsCaughtOnReuseWithOffsetValueCountAndSites() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            assertThrownWriteAfterFree(fx, fx.zone("buf", 256));
        }
    }

    /**
     * The seeded write-after-free under THROW, as every hooks class must report it: two bytes
     * written through an escaped array after the free (sites at lines 10 and 11), caught by the
     * next allocation (line 12) with the first bad offset, the aligned word holding it, the count
     * of modified bytes, the three sites and the item. {@code zone} is a 256-byte zone "buf".
     *
     * @return the damaged item, back in the zone's cache
     */
    static Buf assertThrownWriteAfterFree(DbgFixture fx, Zone<Buf> zone) {
        Buf b = zone.alloc(Zone.WAITOK, fx.site("alloc", 10));
        byte[] escaped = b.array();
        int off = b.arrayOffset();
        zone.free(b, fx.site("free", 11));
        escaped[off + 9] = 0x11; // the seeded bug: a write through an escaped array
        escaped[off + 10] = 0x22;

        int realloc = fx.site("realloc", 12);
        ModifiedAfterFreeException e = assertThrows(ModifiedAfterFreeException.class,
                () -> zone.alloc(Zone.WAITOK, realloc));
        assertEquals(FindingKind.MODIFIED_AFTER_FREE, e.kind());
        assertEquals(9, e.offset());
        assertEquals(0xde1122de, e.value()); // the aligned word at offset 8
        assertEquals(2, e.modifiedBytes());
        assertEquals(10, e.allocSite().line());
        assertEquals(11, e.freeSite().line());
        assertEquals(12, e.site().line());
        assertEquals("buf", e.zone());
        assertEquals(b.index(), e.itemIndex());
        assertEquals(b.slabId(), e.slabId());
        return b;
    }

    @Test
    void cleanReuseStaysSilent() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            for (int i = 0; i < 1000; i++) {
                Buf b = zone.alloc();
                b.writeBytes(new byte[256], 0, 256);
                zone.free(b);
            }
            zone.reclaim(Reclaim.DRAIN_CPU); // fini verifies every cached item
            assertTrue(fx.findings.isEmpty(), fx.findings::toString);
            assertTrue(fx.dbg.zone("buf").checked(Detector.TRASH) >= 1000);
        }
    }

    @Test
    void writeAfterFreeIsCaughtAtFiniUnderLog() {
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            Buf b = zone.alloc(Zone.WAITOK, fx.site("alloc", 20));
            byte[] escaped = b.array();
            int off = b.arrayOffset();
            zone.free(b, fx.site("free", 21));
            escaped[off + 63] = 0;
            zone.reclaim(Reclaim.DRAIN_CPU);

            List<Finding> fs = fx.of(FindingKind.MODIFIED_AFTER_FREE);
            assertEquals(1, fs.size(), fx.findings::toString);
            assertEquals(63, fs.get(0).offset());
            assertEquals(21, fs.get(0).freeSite().line());
            assertEquals(1, fx.log.size());
            assertTrue(fx.log.get(0).startsWith("UMA4J MODIFIED_AFTER_FREE: memory modified after free of item "),
                    fx.log.get(0));
        }
    }

    @Test
    void divisorSamplesByItemAndCountsSkips() {
        try (DbgFixture fx = new DbgFixture("level=basic,trash.divisor=0")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            Buf b = zone.alloc();
            byte[] escaped = b.array();
            int off = b.arrayOffset();
            zone.free(b);
            escaped[off] = 1;
            assertSame(b, zone.alloc()); // unsampled: not trashed, not checked
            assertTrue(fx.findings.isEmpty());
            assertEquals(0, fx.dbg.zone("buf").checked(Detector.TRASH));
            assertTrue(fx.dbg.zone("buf").skipped(Detector.TRASH) > 0);
        }
    }

    @Test
    void switchingTrashOnMidRunDoesNotMisreportUntrashedItems() {
        try (DbgFixture fx = new DbgFixture("level=basic,trash=off,policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            Buf b = zone.alloc();
            b.setByte(0, 7);
            zone.free(b);
            fx.dbg.zone("buf").setEnabled(Detector.TRASH, true);
            Buf again = zone.alloc(); // cached without trash: nothing to verify
            zone.free(again);          // trashed now
            zone.alloc();              // verified clean
            assertTrue(fx.findings.isEmpty());
        }
    }

    @Test
    void aFindingAtFiniIsNeverThrownIntoReclaimSoNoItemIsStranded() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            List<Buf> bs = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                bs.add(zone.alloc());
            }
            byte[] a = bs.get(3).array();
            int off = bs.get(3).arrayOffset();
            bs.forEach(zone::free);
            a[off] = 0;
            zone.reclaim(Reclaim.DRAIN_CPU); // must not throw
            assertEquals(1, fx.of(FindingKind.MODIFIED_AFTER_FREE).size());
            assertEquals(1, fx.log.size());
            assertEquals(0, zone.stats().used());
            assertEquals(zone.keg().freeItems(), zone.keg().verify());
        }
    }
}
