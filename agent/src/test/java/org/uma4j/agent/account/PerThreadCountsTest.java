package org.uma4j.agent.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-thread counts: ended threads still count, once; unknown sites count nothing; sampling rate. */
class PerThreadCountsTest {

    @Test
    void countsOfEndedThreadsAreKeptAfterAdoption() throws Exception {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 0);
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.ALLOCATE, false);
        int wrap = registry.register("C", "m", "()V", 1, null, -1, CallKind.WRAP, false);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    accounting.allocated(ByteBuffer.allocate(100), 100, site);
                    accounting.wrapped(7, wrap);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        accounting.allocated(ByteBuffer.allocate(100), 100, site); // this thread, still running
        SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(100));
        assertEquals(3001, c.count(), "ended threads not yet adopted");
        assertEquals(300_100, c.bytes());
        registry.perThread().sweep();
        assertEquals(1, registry.perThread().registered(), "the ended threads are unlisted");
        assertEquals(3001, c.count(), "after adoption, each count once");
        assertEquals(300_100, c.bytes());
        SizeClassCounters w = registry.site(wrap).countersIfUsed(SizeClass.of(7));
        assertEquals(3000, w.count());
        assertEquals(21_000, w.bytes());
    }

    @Test
    void unknownSiteIsNotCounted() {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 1);
        accounting.allocated(ByteBuffer.allocate(8), 8, 42);
        accounting.wrapped(8, -1);
        assertNull(registry.site(42));
        assertTrue(registry.sites().isEmpty());
    }

    @Test
    void sizeClassesGrowTheRowAndStaySeparate() {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 0);
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.ALLOCATE, false);
        int[] sizes = {0, 16, 3000, 1, 1 << 20, 17};
        for (int size : sizes) {
            accounting.allocated(ByteBuffer.allocate(size), size, site);
        }
        Site s = registry.site(site);
        for (int size : sizes) {
            assertTrue(s.countersIfUsed(SizeClass.of(size)).count() >= 1, "size " + size);
        }
        assertEquals(1, s.countersIfUsed(SizeClass.of(1 << 20)).count());
        assertEquals(17, s.countersIfUsed(SizeClass.of(17)).bytes(), "16 is in the class below");
        assertNull(s.countersIfUsed(SizeClass.of(100)));
    }

    @Test
    void oneNewBufferInSampleEveryIsTracked() {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 8);
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.ALLOCATE, false);
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < 80_000; i++) {
            ByteBuffer b = ByteBuffer.allocate(10);
            keep.add(b);
            accounting.allocated(b, 10, site);
        }
        long sampled = registry.site(site).countersIfUsed(SizeClass.of(10)).sampledLiveCount();
        // Binomial(80000, 1/8): mean 10000, sd 94; 6 sd either side.
        assertTrue(sampled > 9_430 && sampled < 10_570, "sampled " + sampled + " of " + keep.size());
    }
}
