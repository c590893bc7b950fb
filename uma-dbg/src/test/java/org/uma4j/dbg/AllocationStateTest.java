package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Reclaim;
import org.uma4j.alloc.Zone;

class AllocationStateTest {

    @Test
    void duplicateFreeNamesTheFirstFreeAndIsRefused() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("mbuf", 256);
            Buf b = zone.alloc(Zone.WAITOK, fx.site("alloc", 30));
            zone.free(b, fx.site("free", 31));

            DuplicateFreeException e = assertThrows(DuplicateFreeException.class,
                    () -> zone.free(b, fx.site("again", 32)));
            assertEquals(31, e.firstFreeSite().line());
            assertEquals(32, e.site().line());
            assertEquals(30, e.allocSite().line());
            assertEquals(b.index(), e.itemIndex());
            assertEquals("uma4j: duplicate free of item " + b.index() + " (zone \"mbuf\", slab " + b.slabId()
                    + ") at Seeded.java:32; first freed at Seeded.java:31", e.getMessage());
        }
    }

    @Test
    void aRefusedDuplicateFreeNeverCachesTheItemTwice() {
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            Zone<Buf> zone = fx.zone("mbuf", 256);
            Buf b = zone.alloc();
            zone.free(b);
            zone.free(b); // logged and refused
            assertEquals(1, fx.of(FindingKind.DUPLICATE_FREE).size());
            assertNotSame(zone.alloc(), zone.alloc());
        }
    }

    @Test
    void freeOfAnItemBackInItsSlabIsADuplicateFree() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("mbuf", 256);
            Buf b = zone.alloc();
            zone.free(b, fx.site("free", 40));
            zone.reclaim(Reclaim.DRAIN_CPU); // back to the keg: zone() is null now
            DuplicateFreeException e = assertThrows(DuplicateFreeException.class, () -> zone.free(b));
            assertEquals(40, e.firstFreeSite().line());
        }
    }

    @Test
    void freeToAnotherZoneIsAWrongZone() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> a = fx.zone("a", 256);
            Zone<Buf> b = fx.zone("b", 256);
            Buf x = a.alloc(Zone.WAITOK, fx.site("alloc", 50));
            WrongZoneException e = assertThrows(WrongZoneException.class, () -> b.free(x, fx.site("free", 51)));
            assertEquals("a", e.itemZone());
            assertEquals("b", e.zone());
            assertEquals(50, e.allocSite().line());
            assertEquals(51, e.site().line());
            a.free(x); // still allocated: the right zone takes it
            assertEquals(1, fx.dbg.findings().count(FindingKind.WRONG_ZONE));
        }
    }

    @Test
    void freeOfAnItemFromAnUnwatchedRegistryIsForeignAndNullIsForeign() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("mbuf", 256);
            Zone<Buf> other = Zone.builder("elsewhere", 256).registry(new org.uma4j.alloc.ZoneRegistry()).build();
            Buf stranger = other.alloc();
            other.free(stranger);
            other.reclaim(Reclaim.DRAIN_CPU); // rests in its slab, zone() null
            ForeignObjectException e = assertThrows(ForeignObjectException.class, () -> zone.free(stranger));
            assertTrue(e.what().startsWith(Buf.class.getName()), e.what());
            ForeignObjectException n = assertThrows(ForeignObjectException.class, () -> zone.free(null));
            assertEquals("null", n.what());
        }
    }

    @Test
    void anItemCachedTwiceIsCaughtAsADuplicateAllocAndStaysWithItsFirstOwner() {
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            Zone<Buf> zone = fx.zone("mbuf", 256);
            Buf b = zone.alloc(Zone.WAITOK, fx.site("alloc", 60));
            zone.free(b);
            cacheAgain(zone, b); // the seeded bug: the item reaches a cache a second time
            Buf first = zone.alloc(Zone.WAITOK, fx.site("first", 61));
            Buf second = null;
            for (int i = 0; i < 1000 && second != first; i++) { // the second copy sits in another bucket
                second = zone.alloc(Zone.WAITOK, fx.site("second", 62));
            }
            List<Finding> fs = fx.of(FindingKind.DUPLICATE_ALLOC);
            assertEquals(1, fs.size(), fx.findings::toString);
            assertEquals(62, fs.get(0).site().line());
            assertEquals(61, fs.get(0).allocSite().line());
            assertEquals(first, second);
            zone.free(first);
            zone.free(second); // the second owner's free is the duplicate
            assertEquals(1, fx.of(FindingKind.DUPLICATE_FREE).size());
        }
    }

    @Test
    void cleanAllocFreeCyclesStaySilent() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("mbuf", 128);
            Set<Buf> out = new HashSet<>();
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 50; i++) {
                    out.add(zone.alloc());
                }
                out.forEach(zone::free);
                out.clear();
                zone.reclaim(round % 2 == 0 ? Reclaim.TRIM : Reclaim.DRAIN_CPU);
            }
            assertEquals(0, fx.dbg.findings().count());
            assertEquals(0, fx.dbg.zone("mbuf").outstanding());
            assertTrue(fx.dbg.zone("mbuf").checked(Detector.STATE) >= 1000);
        }
    }

    @Test
    void withStateChecksOffTheAllocatorsOwnChecksStillRefuseBadFrees() {
        try (DbgFixture fx = new DbgFixture("level=basic,state=off,stale=off,handles=on")) {
            Zone<Buf> zone = fx.zone("mbuf", 256);
            Zone<Buf> other = fx.zone("other", 256);
            Buf b = zone.alloc();
            zone.free(b);
            IllegalStateException dup = assertThrows(IllegalStateException.class, () -> zone.free(b));
            assertTrue(!(dup instanceof UmaViolationException), dup.toString());
            Buf c = zone.alloc();
            assertThrows(IllegalStateException.class, () -> zone.free(b)); // stale view, refused by the core
            IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> other.free(c));
            assertTrue(wrong.getMessage().startsWith("uma4j: free of "), wrong.getMessage());
            zone.free(c);
            assertEquals(0, fx.dbg.findings().count());
        }
    }

    @Test
    void underThrowADuplicateAllocFailsTheSecondAllocation() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("mbuf", 256);
            Buf b = zone.alloc();
            zone.free(b);
            cacheAgain(zone, b); // the seeded bug
            Buf first = zone.alloc(Zone.WAITOK, fx.site("first", 63));
            DuplicateAllocException e = null;
            for (int i = 0; i < 1000 && e == null; i++) {
                try {
                    zone.alloc();
                } catch (DuplicateAllocException x) {
                    e = x;
                }
            }
            assertTrue(e != null, "the second copy was handed out");
            assertEquals(63, e.allocSite().line());
            assertEquals(first.index(), e.itemIndex());
        }
    }

    /**
     * Seeds a double caching, which the allocator's API no longer allows: marks the freed item
     * as held by the debug layer, as memory corruption or an allocator bug could, and hands it
     * back, so it sits in a cache twice.
     */
    private static void cacheAgain(Zone<Buf> zone, Buf b) {
        try {
            java.lang.reflect.Field state = org.uma4j.alloc.Item.class.getDeclaredField("state");
            state.setAccessible(true);
            state.setByte(b, (byte) 3); // Item.HELD
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        zone.releaseHeld(b);
    }
}
