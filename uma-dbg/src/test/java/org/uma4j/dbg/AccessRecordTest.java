package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

class AccessRecordTest {

    private static AccessRecord rec(String what) {
        return new AccessRecord(what, null, Site.UNKNOWN, "t", 0L, null);
    }

    @Test
    void theRingKeepsTheAllocationAndTheLatestRecords() {
        ItemRecord r = new ItemRecord(0);
        r.resetRecords(4);
        r.record(rec("alloc"));
        for (int i = 1; i <= 10; i++) {
            r.record(rec("touch" + i));
        }
        List<String> whats = new ArrayList<>();
        r.records().forEach(a -> whats.add(a.what()));
        assertEquals(List.of("alloc", "touch8", "touch9", "touch10"), whats);
    }

    @Test
    void touchesWithHintsAppearInTheDuplicateFreeReport() {
        try (DbgFixture fx = new DbgFixture("level=full,policy=throw,records=4,quarantine=off")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            Buf b = zone.alloc();
            fx.dbg.touch(b, "decoded header");
            zone.free(b);
            DuplicateFreeException e = assertThrows(DuplicateFreeException.class, () -> zone.free(b));
            List<AccessRecord> rs = e.finding().accessRecords();
            assertEquals(List.of("alloc", "touch", "free"), rs.stream().map(AccessRecord::what).toList());
            assertEquals("decoded header", rs.get(1).hint());
            assertEquals(AccessRecordTest.class.getName(), rs.get(1).site().className());
            assertNull(rs.get(0).hint());
        }
    }

    @Test
    void aFailingCtorUndoesTheAllocationsBooks() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            boolean[] fail = {true};
            Zone<Buf> zone = fx.builder("buf", 64).ctor((b, arg) -> {
                if (fail[0]) {
                    throw new IllegalArgumentException("ctor says no");
                }
            }).build();
            try (LeakScope scope = fx.dbg.openScope("ctor")) {
                assertThrows(IllegalArgumentException.class, zone::alloc);
                assertEquals(0, scope.outstanding());
                fail[0] = false;
                zone.free(zone.alloc()); // the rolled-back item was trashed again and is clean
            }
            assertEquals(0, fx.dbg.findings().count());
            assertEquals(0, fx.dbg.zone("buf").outstanding());
        }
    }

    @Test
    void aFreeToASecondaryZoneOnTheSameKegIsAWrongZone() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> primary = fx.zone("mbuf", 256);
            Zone<Buf> packet = primary.secondary("packet").build();
            Buf b = primary.alloc();
            WrongZoneException e = assertThrows(WrongZoneException.class, () -> packet.free(b));
            assertEquals("mbuf", e.itemZone());
            assertEquals("packet", e.zone());
            primary.free(b);
            Buf p = packet.alloc();
            packet.free(p);
            assertEquals(1, fx.dbg.findings().count());
        }
    }
}
