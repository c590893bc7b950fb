package org.uma4j.agent.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Concurrent registration and accounting: no site lost or doubled, counts and bytes add up. */
@Tag("stress")
class AccountingStressTest {

    private static final int THREADS = 4;
    private static final int CALLS = 50_000;

    @Test
    void concurrentRegistrationHandsOutOneIdPerKey() throws Exception {
        SiteRegistry registry = new SiteRegistry();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int[] ids = new int[500];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = registry.register("C", "m", "()V", i, "C.java", i, CallKind.ALLOCATE, false);
                    }
                    return ids;
                }));
            }
            int[] first = results.get(0).get();
            for (Future<int[]> f : results) {
                assertTrue(Arrays.equals(first, f.get()), "every thread got the same id per key");
            }
            Set<Integer> distinct = new HashSet<>();
            for (int id : first) {
                distinct.add(id);
                assertEquals(id, registry.site(id).id());
            }
            assertEquals(500, distinct.size());
            assertEquals(500, registry.sites().size());
            assertTrue(registry.site(0) == null, "id 0 means no site");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentAccountingAddsUp() throws Exception {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 8);
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.ALLOCATE, false);
        long seed = ThreadLocalRandom.current().nextLong();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long[] expectedBytes = new long[SizeClass.COUNT];
        long[] expectedCount = new long[SizeClass.COUNT];
        try {
            List<Future<long[][]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long threadSeed = seed + t;
                results.add(pool.submit(() -> {
                    Random rnd = new Random(threadSeed);
                    long[][] mine = new long[2][SizeClass.COUNT];
                    start.await();
                    for (int i = 0; i < CALLS; i++) {
                        int size = rnd.nextInt(5000);
                        accounting.allocated(ByteBuffer.allocate(size), size, site);
                        mine[0][SizeClass.of(size)]++;
                        mine[1][SizeClass.of(size)] += size;
                    }
                    return mine;
                }));
            }
            for (Future<long[][]> f : results) {
                long[][] mine = f.get();
                for (int sc = 0; sc < SizeClass.COUNT; sc++) {
                    expectedCount[sc] += mine[0][sc];
                    expectedBytes[sc] += mine[1][sc];
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Site s = registry.site(site);
        for (int sc = 0; sc < SizeClass.COUNT; sc++) {
            SizeClassCounters c = s.countersIfUsed(sc);
            assertEquals(expectedCount[sc], c == null ? 0 : c.count(), "count of class " + sc + ", seed " + seed);
            assertEquals(expectedBytes[sc], c == null ? 0 : c.bytes(), "bytes of class " + sc + ", seed " + seed);
            if (c != null) {
                assertTrue(accounting.liveBytesEstimate(c) <= c.bytes(), "estimate capped, seed " + seed);
            }
        }
    }
}
