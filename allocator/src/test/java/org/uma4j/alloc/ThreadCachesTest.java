package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Caches of ended threads come back; virtual threads share stripes; producer/consumer frees
 * stay cheap; a free finds its own zone's cache; a home slot serves its owner only and is
 * freed when the owner ends; a sole owner's free takes the alloc's hint only when it names this
 * thread's cache of the item's zone.
 */
class ThreadCachesTest {

    /** Returns a new, unstarted thread running {@code r} whose home slot is {@code slot}. */
    private static Thread threadInSlot(int slot, Runnable r) {
        for (int i = 0; i <= 4 * ThreadCaches.HOMES; i++) {
            Thread t = new Thread(r);
            if (ThreadCaches.home(t) == slot) {
                return t;
            }
        }
        throw new AssertionError("no thread with home slot " + slot + " in " + 4 * ThreadCaches.HOMES
                + " tries (expected: thread ids to run consecutively)");
    }

    @Test
    void homeSlotHoldsTheCacheOfTheThreadThatClaimedIt() {
        Zone<Buf> z = Zone.builder("home", 512).registry(new ZoneRegistry()).build();
        Buf b = z.alloc(Zone.NOWAIT);
        ZoneCache c = z.homes[ThreadCaches.home(Thread.currentThread())];
        assertSame(Thread.currentThread(), c.owner, "the first alloc claims the thread's slot");
        assertSame(c, ThreadCaches.CURRENT.get().caches[z.id], "the slot holds the same cache as the ThreadLocal table");
        z.free(b);
        assertSame(b, z.alloc(Zone.NOWAIT), "the free went to the same cache (LIFO)");
    }

    @Test
    void threadsSharingAHomeSlotKeepTheirOwnCaches() throws Exception {
        // The slot is found by thread id modulo the table size, so two threads can map to it;
        // only the owner may use the cache there. Were the compare on the owner missing, the
        // other thread would pop the item this thread just freed to its own cache.
        Zone<Buf> z = Zone.builder("shared-slot", 512).registry(new ZoneRegistry()).build();
        Buf mine = z.alloc(Zone.NOWAIT);
        z.free(mine); // now the top of this thread's cache, which holds the slot
        int slot = ThreadCaches.home(Thread.currentThread());
        Buf[] theirs = new Buf[1];
        Thread other = threadInSlot(slot, () -> {
            theirs[0] = z.alloc(Zone.NOWAIT);
            z.free(theirs[0]);
        });
        other.start();
        other.join();
        assertSame(Thread.currentThread(), z.homes[slot].owner, "the slot stays with its first owner");
        assertNotSame(mine, theirs[0], "a thread sharing the slot allocated from another thread's cache");
        assertSame(mine, z.alloc(Zone.NOWAIT), "this thread's cache still holds its item on top");
        ZoneStats s = z.stats();
        assertEquals(1, s.used());
        assertEquals(3, s.requests());
    }

    @Test
    void homeSlotOfAnEndedThreadIsFreedAndClaimedAgain() throws Exception {
        Zone<Buf> z = Zone.builder("reclaimed-slot", 512).registry(new ZoneRegistry()).build();
        Thread first = new Thread(() -> z.free(z.alloc(Zone.NOWAIT)));
        int slot = ThreadCaches.home(first);
        first.start();
        first.join();
        assertSame(first, z.homes[slot].owner, "the ended thread still holds its slot before a sweep");
        z.reclaim(Reclaim.DRAIN); // sweeps: adopts the ended thread's cache and frees its slot
        assertNull(z.homes[slot], "the sweep frees the slot of the ended thread");
        ZoneCache[] seen = new ZoneCache[1];
        Thread next = threadInSlot(slot, () -> {
            z.free(z.alloc(Zone.NOWAIT));
            seen[0] = ThreadCaches.CURRENT.get().caches[z.id];
        });
        next.start();
        next.join();
        assertSame(seen[0], z.homes[slot], "a new thread with the same slot claims it");
        assertEquals(0, z.stats().used());
    }

    @Test
    void cachesOfEndedThreadsAreGivenBack() throws Exception {
        Zone<Buf> z = Zone.builder("dead", 1024).registry(new ZoneRegistry()).build();
        Thread t = new Thread(() -> {
            List<Buf> held = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                held.add(z.alloc());
            }
            held.forEach(z::free); // all ten now sit in this thread's cache
        });
        t.start();
        t.join();
        assertTrue(z.stats().cached() >= 10, "cached by the ended thread: " + z.stats());
        z.reclaim(Reclaim.DRAIN);
        ZoneStats s = z.stats();
        assertEquals(0, s.cached(), "the ended thread's cache was adopted and drained: " + s);
        assertEquals(10, s.requests(), "its counters were folded into the zone");
        assertEquals(0, s.used());
        assertEquals(0, s.slabs(), "free slabs released");
    }

    @Test
    void crossThreadFreesGoThroughBuckets() throws Exception {
        Zone<Buf> z = Zone.builder("pc", 2048).registry(new ZoneRegistry()).build();
        java.util.concurrent.ArrayBlockingQueue<Buf> q = new java.util.concurrent.ArrayBlockingQueue<>(1024);
        int n = 200_000;
        Thread consumer = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    z.free(q.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        for (int i = 0; i < n; i++) {
            q.put(z.alloc());
        }
        consumer.join();
        ZoneStats s = z.stats();
        assertEquals(0, s.used());
        assertEquals(n, s.requests());
        assertTrue(s.slabBytes() <= 4L * 1024 * 1024 + 2048 * 1024,
                "memory stays bounded by the queue and the cache bound: " + s.slabBytes());
    }

    @Test
    void virtualThreadsShareStripesInsteadOfCachesOfTheirOwn() throws Exception {
        Method factory;
        try {
            factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "virtual threads need JDK 21+; this is " + Runtime.version());
            return;
        }
        Zone<Buf> z = Zone.builder("virtual", 512).registry(new ZoneRegistry()).build();
        int before = ThreadCaches.registered();
        List<Future<?>> fs = new ArrayList<>();
        ExecutorService ex = (ExecutorService) factory.invoke(null);
        try {
            for (int i = 0; i < 2000; i++) {
                fs.add(ex.submit(() -> {
                    for (int k = 0; k < 50; k++) {
                        z.free(z.alloc());
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            ex.shutdown();
        }
        assertTrue(ThreadCaches.registered() - before < 50,
                "2000 virtual threads must not register caches: " + (ThreadCaches.registered() - before));
        ZoneStats s = z.stats();
        assertEquals(100_000, s.requests());
        assertEquals(0, s.used());
    }

    @Test
    void eachFreeGoesToItsOwnZonesCacheWhateverTheThreadFreedBefore() {
        // A free finds the cache through the item's zone: a wrong one would push one zone's item
        // onto another zone's bucket, and that zone's next alloc (LIFO) would hand it out.
        ZoneRegistry reg = new ZoneRegistry();
        List<Zone<Buf>> zones = List.of(Zone.builder("small", 256).registry(reg).build(),
                Zone.builder("large", 4096).registry(reg).build(), Zone.builder("mid", 1024).registry(reg).build());
        java.util.Random rnd = new java.util.Random(42);
        long[] allocs = new long[zones.size()];
        for (int i = 0; i < 10_000; i++) {
            int k = rnd.nextInt(zones.size());
            Zone<Buf> z = zones.get(k);
            Buf b = z.alloc(Zone.NOWAIT);
            if (rnd.nextBoolean()) {
                b.free(); // the zone found through the item
            } else {
                z.free(b);
            }
            allocs[k]++;
            Buf again = z.alloc(Zone.NOWAIT);
            assertSame(b, again, "zone " + z.name() + " hands back the item just freed to it (its own cache, LIFO)");
            assertSame(z, again.zone());
            again.release();
            allocs[k]++;
        }
        for (int k = 0; k < zones.size(); k++) {
            ZoneStats s = zones.get(k).stats();
            assertEquals(0, s.used(), zones.get(k).name());
            assertEquals(allocs[k], s.requests(), "allocs of " + zones.get(k).name() + " (each freed once)");
        }
    }

    /** An item whose sole owner frees it through {@link Item#freeSole}, as a packet mbuf does. */
    static final class Sole extends Item {
        Sole(ItemSlot slot) {
            super(slot);
        }

        boolean freeAsSoleOwner() {
            return freeSole(0);
        }
    }

    @Test
    void aSoleOwnersFreeGoesToTheCacheTheAllocLeftAsItsHint() {
        Zone<Sole> z = Zone.builder("hint", 256, Sole::new).registry(new ZoneRegistry()).build();
        Sole s = z.alloc(Zone.NOWAIT);
        assertSame(ThreadCaches.of(z), s.cache, "the alloc leaves its cache as the free's hint");
        assertTrue(s.freeAsSoleOwner(), "a sole owner's free of an allocated item");
        assertSame(s, z.alloc(Zone.NOWAIT), "the free went to this thread's cache (LIFO)");
        assertTrue(s.freeAsSoleOwner());
        z.reclaim(Reclaim.DRAIN_CPU); // this thread's cache, then the bucket cache, back to the keg
        assertNull(s.zone(), "an item back in its keg has no zone");
        assertNull(s.cache, "nor a hint, which would keep an ended thread's cache alive");
    }

    @Test
    void aFreeOnAnotherThreadIgnoresTheAllocatorsHint() throws Exception {
        // Producer/consumer: the hint names the allocating thread's cache, which only that
        // thread may touch. Were the owner compare missing, this free would push the item onto
        // the producer's cache, and this thread's next alloc would not find it.
        Zone<Sole> z = Zone.builder("handover", 256, Sole::new).registry(new ZoneRegistry()).build();
        Sole mine = z.alloc(Zone.NOWAIT); // this thread's cache exists, with room for one free
        Sole[] made = new Sole[1];
        Thread producer = new Thread(() -> made[0] = z.alloc(Zone.NOWAIT));
        producer.start();
        producer.join();
        Sole s = made[0];
        assertNotSame(ThreadCaches.of(z), s.cache, "the hint is the producer's cache");
        assertTrue(s.freeAsSoleOwner());
        assertSame(s, z.alloc(Zone.NOWAIT), "the free went to the freeing thread's cache (LIFO)");
        z.free(s);
        z.free(mine);
    }

    @Test
    void aHintFromAnotherZoneIsIgnored() {
        // Zones stacked on one keg hand the same items around; a hint naming another zone's
        // cache must not send the item there. Were the zone compare missing, the item would be
        // pushed onto the other zone's cache, and that zone's next alloc would hand it out.
        ZoneRegistry reg = new ZoneRegistry();
        Zone<Sole> z = Zone.builder("primary", 256, Sole::new).registry(reg).build();
        Zone<Sole> other = z.secondary("secondary").build();
        Sole theirs = other.alloc(Zone.NOWAIT);
        Sole s = z.alloc(Zone.NOWAIT);
        s.cache = theirs.cache; // this thread's cache of the other zone
        assertTrue(s.freeAsSoleOwner());
        assertSame(s, z.alloc(Zone.NOWAIT), "the item went back to its own zone's cache (LIFO)");
        assertNotSame(s, other.alloc(Zone.NOWAIT), "and not to the other zone's");
        z.free(s);
    }
}
