package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Caches of ended threads come back; virtual threads share stripes; producer/consumer frees stay cheap. */
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
    }
}
