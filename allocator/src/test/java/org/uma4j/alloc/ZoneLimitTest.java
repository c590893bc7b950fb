package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Item limits: NOWAIT fails, WAITOK sleeps FIFO, frees wake sleepers, limits change under load. */
@Timeout(60)
@SuppressWarnings("unchecked")
class ZoneLimitTest {

    private static Zone<Buf> limited(String name, long limit) {
        return Zone.builder(name, 512).registry(new ZoneRegistry()).limit(limit).build();
    }

    private static void awaitSleepers(Zone<?> z, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (z.stats().sleepers() != n) {
            assertTrue(System.nanoTime() < deadline, "sleepers " + z.stats().sleepers() + " (expected: " + n + ")");
            Thread.sleep(1);
        }
    }

    @Test
    void nowaitFailsAtTheLimitAndCountsEachFailure() {
        Zone<Buf> z = limited("nowait", 10);
        List<Buf> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(assertNotNullReturn(z.alloc(Zone.NOWAIT)));
        }
        for (int i = 0; i < 5; i++) {
            assertNull(z.alloc(Zone.NOWAIT));
        }
        ZoneStats s = z.stats();
        assertEquals(5, s.fails());
        assertEquals(0, s.sleeps());
        assertEquals(10, s.used());
        z.free(held.remove(0));
        assertNotNull(z.alloc(Zone.NOWAIT), "a free makes room");
    }

    @Test
    void cachedItemsCountAgainstTheLimit() {
        Zone<Buf> z = limited("cached", 8);
        List<Buf> held = new ArrayList<>();
        for (Buf b; (b = z.alloc(Zone.NOWAIT)) != null; ) {
            held.add(b);
        }
        assertEquals(8, held.size(), "all items can be had by one thread");
        held.forEach(z::free);
        ZoneStats s = z.stats();
        assertTrue(s.cached() <= 8, "cached " + s.cached());
    }

    @Test
    void waitokSleepersWakeInFifoOrder() throws Exception {
        Zone<Buf> z = limited("fifo", 2);
        Buf a = z.alloc();
        Buf b = z.alloc();
        ConcurrentLinkedQueue<Integer> woke = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Buf> got = new ConcurrentLinkedQueue<>();
        List<Thread> sleepers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int who = i;
            Thread t = new Thread(() -> {
                Buf x = z.alloc(Zone.WAITOK);
                woke.add(who);
                got.add(x);
            });
            t.start();
            sleepers.add(t);
            awaitSleepers(z, i + 1);
        }
        z.free(a);
        awaitWoken(woke, 1);
        z.free(b);
        awaitWoken(woke, 2);
        z.free(got.poll());
        awaitWoken(woke, 3);
        z.free(got.poll());
        for (Thread t : sleepers) {
            t.join(10_000);
        }
        assertEquals(List.of(0, 1, 2, 3), new ArrayList<>(woke));
        assertEquals(4, z.stats().sleeps());
        assertEquals(0, z.stats().fails());
        got.forEach(z::free);
        assertEquals(0, z.stats().used());
    }

    @Test
    void raisingTheLimitWakesSleepersAndTimeoutReturnsNull() throws Exception {
        Zone<Buf> z = limited("raise", 1);
        Buf a = z.alloc();
        assertNull(z.allocWait(20, TimeUnit.MILLISECONDS), "timed wait at the limit gives up");
        assertEquals(1, z.stats().fails());
        CountDownLatch done = new CountDownLatch(1);
        Buf[] got = new Buf[1];
        Thread t = new Thread(() -> {
            got[0] = z.alloc();
            done.countDown();
        });
        t.start();
        awaitSleepers(z, 1);
        z.setLimit(2);
        assertTrue(done.await(10, TimeUnit.SECONDS), "raising the limit wakes the sleeper");
        z.free(got[0]);
        z.free(a);
        assertEquals(0, z.stats().used());
    }

    @Test
    void limitRaisedAndLoweredUnderLoadNeverDeadlocksAndBalances() throws Exception {
        Zone<Buf> z = limited("load", 16);
        int threads = 6;
        AtomicLong ops = new AtomicLong();
        AtomicInteger maxUsedSeen = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                List<Buf> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                    for (int k = 0; k < 3; k++) {
                        mine.add(z.alloc(Zone.WAITOK));
                    }
                    mine.forEach(z::free);
                    mine.clear();
                    ops.addAndGet(3);
                }
            });
            ts.add(t);
            t.start();
        }
        long[] limits = {4, 64, 2, 32, 18};
        while (System.nanoTime() < end) {
            for (long l : limits) {
                z.setLimit(l);
                Thread.sleep(20);
                maxUsedSeen.accumulateAndGet((int) z.stats().used(), Math::max);
            }
        }
        z.setLimit(0);
        for (Thread t : ts) {
            t.join(20_000);
            assertTrue(!t.isAlive(), "thread stuck: deadlock at the limit");
        }
        ZoneStats s = z.stats();
        assertEquals(0, s.used());
        assertEquals(ops.get(), s.requests());
        assertTrue(maxUsedSeen.get() <= 64, "used never above the largest limit: " + maxUsedSeen.get());
    }

    private static void awaitWoken(ConcurrentLinkedQueue<Integer> woke, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (woke.size() < n) {
            assertTrue(System.nanoTime() < deadline, "woken " + woke + " (expected: " + n + ")");
            Thread.sleep(1);
        }
    }

    private static Buf assertNotNullReturn(Buf b) {
        assertNotNull(b);
        return b;
    }

    @Test
    void maxActionRunsAtTheLimitAndCanMakeRoom() {
        List<Buf> spare = new ArrayList<>();
        int[] runs = {0};
        Zone<Buf> z = Zone.builder("maxaction", 512).registry(new ZoneRegistry()).limit(2)
                .maxAction(zone -> {
                    runs[0]++;
                    if (!spare.isEmpty()) {
                        ((Zone<Buf>) zone).free(spare.remove(0)); // e.g. drain a cache holding items
                    }
                })
                .build();
        spare.add(z.alloc());
        Buf kept = z.alloc();
        Buf third = z.alloc(Zone.NOWAIT);
        assertNotNull(third, "the max action freed an item and the allocation retried");
        assertEquals(1, runs[0]);
        assertEquals(0, z.stats().fails());
        assertNull(z.alloc(Zone.NOWAIT), "nothing left to give: FAIL");
        assertEquals(2, runs[0]);
        assertEquals(1, z.stats().fails());
        z.free(kept);
        z.free(third);
    }

    @Test
    void trimGivesBackBucketsUnusedSinceTheLastTrim() throws Exception {
        Zone<Buf> z = Zone.builder("trim", 256).registry(new ZoneRegistry()).buckets(8, 8).build();
        Thread t = new Thread(() -> {
            List<Buf> held = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                held.add(z.alloc());
            }
            held.forEach(z::free);
        });
        t.start();
        t.join();
        z.reclaim(Reclaim.DRAIN); // adopts the ended thread's cache; empties the bucket cache
        Thread t2 = new Thread(() -> {
            List<Buf> held = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                held.add(z.alloc());
            }
            held.forEach(z::free); // leaves ~49 full buckets in the zone cache
        });
        t2.start();
        t2.join();
        ThreadCaches.sweep();
        long cachedBefore = z.stats().cached();
        assertTrue(cachedBefore >= 380, "cached " + cachedBefore);
        z.reclaim(Reclaim.TRIM); // the cache was empty at the DRAIN: nothing has been idle a whole interval yet
        assertEquals(cachedBefore, z.stats().cached(), "first TRIM only sets the working-set baseline");
        z.reclaim(Reclaim.TRIM); // nothing was taken since: the whole bucket cache is beyond the working set
        long cachedAfter = z.stats().cached();
        assertTrue(cachedAfter < cachedBefore / 4, "TRIM left " + cachedAfter + " of " + cachedBefore);
        assertEquals(0, z.stats().used());
    }

    @Test
    void sleepersCountedInElsewhereMakeFreesBypassTheCachesAndFlushOtherThreads() throws Exception {
        Zone<Buf> z = Zone.builder("counted-in", 512).registry(new ZoneRegistry()).build();
        CountDownLatch cached = new CountDownLatch(1);
        CountDownLatch freeOneMore = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            List<Buf> held = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                held.add(z.alloc(Zone.NOWAIT));
            }
            Buf last = held.remove(7);
            held.forEach(z::free); // parked in this thread's cache with the rest of its import
            cached.countDown();
            try {
                freeOneMore.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            z.free(last);
        });
        other.start();
        cached.await();
        assertTrue(z.stats().cached() >= 7, "parked in the other thread's cache: " + z.stats());
        z.addSleepers(1);
        assertTrue(z.isExhausted());
        assertEquals(0, z.stats().sleepers(), "statistics count the threads queued at the limit only");
        z.reclaim(Reclaim.DRAIN_CPU); // what a sleeper asks for: every thread flushes at its next slow path
        freeOneMore.countDown();
        other.join();
        assertEquals(0, z.stats().cached(), "the other thread's free flushed its cache, then bypassed it: " + z.stats());

        z.addSleepers(-1);
        assertFalse(z.isExhausted());
        z.free(z.alloc(Zone.NOWAIT)); // imports a bucket into this thread's cache
        long before = z.stats().cached();
        assertTrue(before > 0, "counted out: frees are cached again: " + z.stats());
        z.addSleepers(1);
        z.free(z.alloc(Zone.NOWAIT));
        assertEquals(before - 1, z.stats().cached(), "counted in: the free went to the keg, not the cache");
        z.addSleepers(-1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> z.addSleepers(-1));
        assertEquals("sleepers: -1 counted in (expected: >= 0: more counted out than in)", e.getMessage());
    }
}
