package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ctor/dtor/init/fini order, type stability, secondary zones, and hook faults. */
class ZoneHooksTest {

    @Test
    void initBeforeCtorAndDtorBeforeFini() {
        List<String> log = new ArrayList<>();
        Zone<Buf> z = Zone.builder("hooks", 256).registry(new ZoneRegistry())
                .init((b, arg) -> log.add("init"))
                .ctor((b, arg) -> log.add("ctor " + arg))
                .dtor((b, arg) -> log.add("dtor " + arg))
                .fini((b, arg) -> log.add("fini"))
                .buckets(1, 1).cacheBytes(0)
                .build();
        Buf b = z.alloc(Zone.WAITOK, 0, 42L);
        z.free(b, 0, 7L);
        z.reclaim(Reclaim.DRAIN_CPU);
        assertEquals(List.of("init", "ctor 42", "dtor 7", "fini"), log);
    }

    @Test
    void initRunsOncePerTripThroughTheCacheNotPerAllocation() {
        int[] inits = {0};
        int[] ctors = {0};
        Zone<Buf> z = Zone.builder("stable", 256).registry(new ZoneRegistry())
                .init((b, arg) -> inits[0]++)
                .ctor((b, arg) -> ctors[0]++)
                .build();
        Buf first = z.alloc();
        z.free(first);
        for (int i = 0; i < 100; i++) {
            Buf b = z.alloc();
            assertSame(first, b, "LIFO cache hands back the same type-stable item");
            z.free(b);
        }
        assertEquals(101, ctors[0]);
        assertTrue(inits[0] >= 1 && inits[0] <= z.bucketSize(), "init per import only: " + inits[0]);
    }

    @Test
    void secondaryZoneSharesTheKegWithItsOwnHooksAndCaches() {
        ZoneRegistry reg = new ZoneRegistry();
        List<String> log = new ArrayList<>();
        Zone<Buf> primary = Zone.builder("mbuf", 256).registry(reg).buckets(1, 1)
                .init((b, a) -> log.add("p-init")).build();
        Zone<Buf> packet = primary.secondary("packet").buckets(1, 1).init((b, a) -> log.add("s-init")).build();
        assertSame(primary.keg(), packet.keg());
        assertEquals(List.of(primary, packet), primary.keg().zones());
        assertTrue(primary.isPrimary());
        assertTrue(!packet.isPrimary());
        Buf p = primary.alloc();
        Buf s = packet.alloc();
        assertTrue(log.contains("p-init") && log.contains("s-init"));
        assertSame(primary, p.zone());
        assertSame(packet, s.zone());
        assertThrows(IllegalArgumentException.class, () -> primary.free(s));
        packet.free(s);
        primary.free(p);
        assertEquals(0, packet.stats().kegFree(), "keg free items are reported by the primary only");
        assertTrue(primary.stats().kegFree() > 0);
    }

    @Test
    void throwingCtorFailsTheAllocationAndLosesNoItem() {
        boolean[] fail = {true};
        Zone<Buf> z = Zone.builder("ctorfail", 256).registry(new ZoneRegistry()).limit(1)
                .ctor((b, arg) -> {
                    if (fail[0]) {
                        throw new IllegalStateException("ctor says no");
                    }
                })
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> z.alloc(Zone.NOWAIT));
        assertEquals("ctor says no", e.getMessage());
        ZoneStats s = z.stats();
        assertEquals(0, s.used());
        assertEquals(1, s.fails());
        fail[0] = false;
        Buf b = z.alloc(Zone.NOWAIT);
        assertTrue(b != null && b.isAllocated(), "the only item (limit 1) can be allocated again");
        z.free(b);
        assertEquals(0, z.stats().used());
    }

    @Test
    void throwingInitFailsTheAllocationAndGivesTheItemBack() {
        int[] calls = {0};
        Zone<Buf> z = Zone.builder("initfail", 256).registry(new ZoneRegistry()).limit(4)
                .buckets(4, 4)
                .init((b, arg) -> {
                    if (calls[0]++ == 0) {
                        throw new IllegalArgumentException("init says no");
                    }
                })
                .build();
        assertThrows(IllegalArgumentException.class, () -> z.alloc(Zone.NOWAIT));
        assertEquals(1, z.stats().fails(), "a failed init is a FAIL");
        List<Buf> held = new ArrayList<>();
        for (Buf b; (b = z.alloc(Zone.NOWAIT)) != null; ) {
            held.add(b);
        }
        assertEquals(4, held.size(), "all four items can still be had");
        held.forEach(z::free);
        z.reclaim(Reclaim.DRAIN_CPU);
        z.keg().verify();
        assertEquals(0, z.stats().cached());
    }

    @Test
    void refcountedItemReturnsOnLastRelease() {
        Zone<Buf> z = Zone.builder("refs", 2048).refcount().registry(new ZoneRegistry()).build();
        Buf b = z.alloc();
        b.retain();
        b.retain();
        assertEquals(3, b.refCnt());
        assertThrows(IllegalStateException.class, () -> z.free(b), "free of a shared item");
        assertTrue(!b.release());
        assertTrue(!b.release());
        assertEquals(1, z.stats().used());
        assertTrue(b.release());
        assertEquals(0, z.stats().used());
        IllegalStateException e = assertThrows(IllegalStateException.class, b::release);
        assertTrue(e.getMessage().contains("release below zero"), e.getMessage());
        assertEquals(0, z.stats().used(), "a release of a freed buffer is never a second free");
    }

    @Test
    void retainOnAZoneWithoutRefcountIsRefused() {
        Zone<Buf> z = Zone.builder("norefs", 64).registry(new ZoneRegistry()).build();
        Buf b = z.alloc();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, b::retain);
        assertTrue(e.getMessage().contains("\"norefs\""), e.getMessage());
        assertTrue(b.release(), "release of the only reference frees");
    }

    @Test
    void staleViewIsCaughtAtUseAndAtFree() {
        Zone<Buf> z = Zone.builder("views", 64).generationHandles().registry(new ZoneRegistry()).build();
        Buf first = z.alloc();
        z.free(first);
        Buf second = z.alloc();
        assertSame(first.slot(), second.slot(), "same item, new allocation");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> first.setByte(0, 1));
        assertTrue(e.getMessage().contains("stale handle"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> z.free(first));
        assertTrue(second.isAllocated());
        z.free(second);
    }

    @Test
    void initThatReclaimsItsOwnZoneDoesNotCorruptTheBucketBeingFilled() {
        ZoneRegistry reg = new ZoneRegistry();
        @SuppressWarnings("unchecked")
        Zone<Buf>[] self = new Zone[1];
        int[] inits = {0};
        self[0] = Zone.builder("reentrant", 256).registry(reg).buckets(8, 8)
                .init((b, arg) -> {
                    if (inits[0]++ == 3) {
                        self[0].reclaim(Reclaim.DRAIN_CPU); // flushes the caller's own cache mid-import
                    }
                })
                .build();
        List<Buf> held = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            held.add(self[0].alloc());
        }
        assertEquals(20, held.stream().map(Item::slot).distinct().count(), "no item handed out twice");
        held.forEach(self[0]::free);
        self[0].reclaim(Reclaim.DRAIN_CPU);
        assertEquals(0, self[0].stats().used());
        assertEquals(self[0].keg().freeItems(), self[0].keg().verify());
    }

    @Test
    void observerAddedLateSeesSlowPathEvents() {
        Zone<Buf> z = Zone.builder("late", 1024).registry(new ZoneRegistry()).build();
        z.free(z.alloc());
        List<String> events = new ArrayList<>();
        z.addObserver(new ZoneObserver() {
            @Override
            public void onSlab(Zone<?> zone, boolean grow, long bytes, int items) {
                events.add(grow ? "grow" : "release");
            }

            @Override
            public void onReclaim(Zone<?> zone, Reclaim level, long startNanos, long nanos, long items, int slabs) {
                events.add("reclaim " + level + " items " + items + " slabs " + slabs);
            }
        });
        z.reclaim(Reclaim.DRAIN_CPU);
        assertTrue(events.contains("release"), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("reclaim DRAIN_CPU items ") && !e.contains("items 0 ")),
                "items flushed from the caller's cache are counted: " + events);
    }

    @Test
    void releaseThroughAReleasedViewIsARefcountErrorAndThroughAStaleOneIsRefused() {
        Zone<Buf> z = Zone.builder("view-refs", 64).refcount().generationHandles().registry(new ZoneRegistry()).build();
        Buf a = z.alloc();
        assertTrue(a.release());
        IllegalStateException under = assertThrows(IllegalStateException.class, a::release);
        assertTrue(under.getMessage().contains("release below zero"), under.getMessage());
        Buf b = z.alloc(); // the same item, a new allocation
        assertSame(a.slot(), b.slot());
        IllegalStateException stale = assertThrows(IllegalStateException.class, a::release);
        assertTrue(stale.getMessage().contains("stale handle"), stale.getMessage());
        assertEquals(1, b.refCnt(), "the stale release did not touch the new owner's count");
        assertTrue(b.release());
    }
}
