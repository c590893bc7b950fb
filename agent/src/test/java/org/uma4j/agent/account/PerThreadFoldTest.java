package org.uma4j.agent.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Folding the threads' own counters: exact for any mix of sizes and threads, while the threads
 * are listed and after they are adopted; reads on another thread only grow; the sampling
 * countdown neither tracks with sampling off nor skips counting on any kind of thread.
 */
class PerThreadFoldTest {

    private static final int[] SIZES = {0, 1, 100, 4096, 1 << 20, Integer.MAX_VALUE - 1, Integer.MAX_VALUE, 3000};

    /**
     * Random sizes and call counts on a few threads against a plain model: every class's count
     * and bytes are exact, before and after adoption. Bytes reach past 2^32 per class.
     */
    @Property(tries = 40)
    void foldedCountsMatchTheModel(
            @ForAll @Size(min = 1, max = 3) List<@Size(min = 1, max = 4) List<@IntRange(min = 0, max = 7) Integer>> plan,
            @ForAll @IntRange(min = 1, max = 100_000) int callsPerStep) throws Exception {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 0);
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.WRAP, false);
        long[] count = new long[SizeClass.COUNT];
        long[] bytes = new long[SizeClass.COUNT];
        List<Thread> threads = new ArrayList<>();
        for (List<Integer> steps : plan) {
            for (int s : steps) {
                count[SizeClass.of(SIZES[s])] += callsPerStep;
                bytes[SizeClass.of(SIZES[s])] += (long) callsPerStep * SIZES[s];
            }
            threads.add(new Thread(() -> {
                for (int s : steps) {
                    for (int i = 0; i < callsPerStep; i++) {
                        accounting.wrapped(SIZES[s], site);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertMatches(registry.site(site), count, bytes, "before adoption");
        registry.perThread().sweep();
        assertEquals(0, registry.perThread().registered(), "every thread adopted");
        assertMatches(registry.site(site), count, bytes, "after adoption");
    }

    private static void assertMatches(Site site, long[] count, long[] bytes, String when) {
        for (int k = 0; k < SizeClass.COUNT; k++) {
            SizeClassCounters c = site.countersIfUsed(k);
            assertTrue(c != null || count[k] == 0, "class " + k + " counters " + when);
            assertEquals(count[k], c == null ? 0 : c.count(), "class " + k + " count " + when);
            assertEquals(bytes[k], c == null ? 0 : c.bytes(), "class " + k + " bytes " + when);
        }
    }

    /** A reader on another thread sees each counter only grow, and the last calls once the writer is done. */
    @Test
    void readsWhileCountingNeverGoBack() throws Exception {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 0);
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.WRAP, false);
        accounting.wrapped(1, site);
        SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(1));
        int calls = 5_000_000;
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            long lastCount = 0;
            long lastBytes = 0;
            int reads = 0;
            while (!done.get() || reads == 0) {
                long n = c.count();
                long b = c.bytes();
                if (n < lastCount || b < lastBytes || n > calls + 1 || b > calls + 1) {
                    failure.compareAndSet(null, "read " + n + " buffers, " + b + " bytes after "
                            + lastCount + ", " + lastBytes + " (expected: growing, <= " + (calls + 1) + ")");
                }
                lastCount = n;
                lastBytes = b;
                reads++;
            }
        });
        reader.start();
        for (int i = 0; i < calls; i++) {
            accounting.wrapped(1, site);
        }
        done.set(true);
        reader.join();
        assertNull(failure.get());
        assertEquals(calls + 1, c.count());
        assertEquals(calls + 1, c.bytes());
    }

    @Test
    void samplingOffTracksNothingAndCountsEverything() {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 0);
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.ALLOCATE, false);
        for (int i = 0; i < 10_000; i++) {
            accounting.allocated(ByteBuffer.allocate(10), 10, site);
        }
        SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(10));
        assertEquals(10_000, c.count());
        assertEquals(100_000, c.bytes());
        assertEquals(0, c.sampledLiveCount() + c.sampledDeadCount(), "sample=0 tracks nothing");
    }

    /** Virtual threads (JDK 21 and later) count in the shared adders and are sampled by a coin each. */
    @Test
    void virtualThreadsCountInSharedAddersAndAreSampled() throws Exception {
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("startVirtualThread", Runnable.class);
        } catch (NoSuchMethodException e) {
            ofVirtual = null;
        }
        assumeTrue(ofVirtual != null, "virtual threads need JDK 21 or later");
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 1);
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.ALLOCATE, false);
        List<ByteBuffer> keep = new ArrayList<>();
        Thread v = (Thread) ofVirtual.invoke(null, (Runnable) () -> {
            for (int i = 0; i < 1_000; i++) {
                ByteBuffer b = ByteBuffer.allocate(10);
                keep.add(b);
                accounting.allocated(b, 10, site);
            }
        });
        v.join();
        SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(10));
        assertEquals(1_000, c.count());
        assertEquals(10_000, c.bytes());
        assertEquals(1_000, c.sharedCount.sum(), "counted in the shared adders");
        assertEquals(1_000, c.sampledLiveCount(), "sample=1: every buffer tracked");
        assertEquals(0, registry.perThread().registered(), "no counters of its own");
        assertEquals(1_000, keep.size());
    }
}
