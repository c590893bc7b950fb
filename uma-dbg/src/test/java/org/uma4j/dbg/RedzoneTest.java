package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

class RedzoneTest {

    @Test
    void overflowIntoTheSlackIsCaughtOnFreeAndTheFreeStillCompletes() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 128);
            Buf b = zone.allocLength(100, Zone.WAITOK, fx.site("alloc", 110));
            byte[] a = b.array();
            for (int i = 0; i < 103; i++) { // the seeded bug: three bytes past the 100 allocated
                a[b.arrayOffset() + i] = 7;
            }
            RedzoneOverflowException e = assertThrows(RedzoneOverflowException.class,
                    () -> zone.free(b, fx.site("free", 111)));
            assertEquals(3, e.overflowBytes());
            assertEquals(100, e.offset());
            assertEquals(100, e.length());
            assertEquals(110, e.allocSite().line());
            assertEquals(111, e.site().line());
            assertTrue(e.getMessage().startsWith("uma4j: buffer overflow detected: 3 bytes after 100 allocated of item "),
                    e.getMessage());
            assertTrue(!b.isAllocated()); // freed: the exception came after the item was placed
            assertEquals(0, zone.stats().used());
        }
    }

    @Test
    void writesWithinTheLengthStaySilent() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 128);
            for (int len = 0; len <= 128; len += 7) {
                Buf b = zone.allocLength(len, Zone.WAITOK, 0);
                byte[] a = b.array();
                for (int i = 0; i < len; i++) {
                    a[b.arrayOffset() + i] = (byte) i;
                }
                zone.free(b);
            }
            assertEquals(0, fx.dbg.findings().count());
            assertTrue(fx.dbg.zone("buf").checked(Detector.REDZONE) > 10);
        }
    }

    @Test
    void quarantinedItemWithOverflowIsHeldAndReported() {
        try (DbgFixture fx = new DbgFixture("level=basic,quarantine=on,quarantine.items=4,quarantine.bytes=4096")) {
            Zone<Buf> zone = fx.zone("buf", 128);
            Buf b = zone.allocLength(10, Zone.WAITOK, 0);
            b.array()[b.arrayOffset() + 10] = 1;
            zone.free(b);
            assertEquals(1, fx.of(FindingKind.REDZONE_OVERFLOW).size());
            assertEquals(1, fx.dbg.quarantined());
            assertNotSame(b, zone.alloc());
        }
    }
}
