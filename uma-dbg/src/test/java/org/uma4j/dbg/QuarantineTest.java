package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

class QuarantineTest {

    @Test
    void freedItemsAreHeldFifoWithinTheirBounds() {
        try (DbgFixture fx = new DbgFixture("level=basic,quarantine=on,quarantine.items=3,quarantine.bytes=1000000")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            List<Buf> bs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                bs.add(zone.alloc());
            }
            bs.forEach(zone::free);
            assertEquals(3, fx.dbg.quarantined()); // the first one was pushed out
            assertSame(bs.get(0).slot(), zone.alloc().slot()); // released to the cache, hottest first
            assertEquals(3, fx.dbg.flushQuarantine());
            assertEquals(0, fx.dbg.quarantined());
        }
    }

    @Test
    void aByteBoundHoldsFewerLargeItems() {
        try (DbgFixture fx = new DbgFixture("level=basic,quarantine=on,quarantine.items=100,quarantine.bytes=4096")) {
            Zone<Buf> zone = fx.zone("buf", 2048);
            for (int i = 0; i < 5; i++) {
                zone.free(zone.alloc());
            }
            assertEquals(2, fx.dbg.quarantined());
        }
    }

    @Test
    void aLateWriteDuringQuarantineIsCaughtAsTheItemLeavesIt() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw,quarantine=on,quarantine.items=2,"
                + "quarantine.bytes=65536")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Buf b = zone.alloc();
            byte[] a = b.array();
            int off = b.arrayOffset();
            zone.free(b);
            Buf other = zone.alloc();
            assertNotSame(b.slot(), other.slot()); // held back: not the hottest item any more
            a[off + 40] = 5; // late write, inside the quarantine window
            zone.free(other);
            assertEquals(List.of(), fx.of(FindingKind.MODIFIED_AFTER_FREE), "still held: not yet checked");
            zone.free(zone.alloc()); // a third hold pushes the written item out: verified on the way
            List<Finding> found = fx.of(FindingKind.MODIFIED_AFTER_FREE);
            assertEquals(1, found.size(), fx.findings.toString());
            assertEquals(40, found.get(0).offset());
            fx.dbg.flushQuarantine();
            for (int i = 0; i < 4; i++) {
                zone.alloc(); // the item again, among others: filled again, so not reported twice
            }
            assertEquals(1, fx.of(FindingKind.MODIFIED_AFTER_FREE).size(), fx.findings.toString());
        }
    }

    @Test
    void itemsLeaveTheQuarantineUnreportedWhenNobodyWroteToThem() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw,quarantine=on,quarantine.items=2,"
                + "quarantine.bytes=65536")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            for (int i = 0; i < 100; i++) {
                zone.free(zone.alloc());
            }
            fx.dbg.flushQuarantine();
            assertEquals(List.of(), fx.findings);
        }
    }
}
