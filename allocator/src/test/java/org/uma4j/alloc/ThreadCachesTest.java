package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Caches of ended threads come back; virtual threads share stripes; producer/consumer frees stay cheap; a free finds its own zone's cache. */
class ThreadCachesTest {

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
        assertNull(ThreadCaches.STRIPED.lastFreed, "the shared marker remembers no stripe: virtual threads would race on it");
        assertNull(ThreadCaches.STRIPED.prevFreed);
    }

    @Test
    void eachFreeGoesToItsOwnZonesCacheWhateverTheThreadFreedBefore() {
        // ThreadCaches.forFree tries the caches of the thread's last two frees first; a wrong guess
        // would push one zone's item onto another zone's bucket, and that zone's next alloc
        // (LIFO) would hand it out.
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
}
