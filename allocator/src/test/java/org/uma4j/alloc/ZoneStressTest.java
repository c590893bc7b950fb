package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads allocate, hand items to each other and free them, for at least
 * {@code uma4j.stress.ops} operations (10^7 in CI, 10^8 with {@code -Duma4j.stress.ops=100000000}).
 * Each item carries an owner word that every transfer moves with a CAS, so an item handed out
 * to two owners at once fails the CAS; at the end, counts must balance and the keg's slabs
 * must agree with their bitsets.
 */
@Tag("stress")
@Timeout(600)
class ZoneStressTest {

    /** A test item whose owner word detects double ownership. */
    static final class Owned extends Item {
        final AtomicInteger owner = new AtomicInteger(); // 0 = the zone

        Owned(ItemSlot slot) {
            super(slot);
        }
    }

    @Test
    void noItemHasTwoOwnersAndCountsBalance() throws Exception {
        long target = Long.getLong("uma4j.stress.ops", 10_000_000L);
        long seed = System.nanoTime();
        int threads = 4;
        ZoneRegistry reg = new ZoneRegistry();
        Zone<Owned> z = Zone.builder("stress", 256, Owned::new).registry(reg).build();
        List<ConcurrentLinkedQueue<Owned>> inbox = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            inbox.add(new ConcurrentLinkedQueue<>());
        }
        AtomicLong ops = new AtomicLong();
        AtomicLong allocs = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t + 1;
            SplittableRandom rnd = new SplittableRandom(seed + t);
            ConcurrentLinkedQueue<Owned> mine = inbox.get(t);
            ConcurrentLinkedQueue<Owned> next = inbox.get((t + 1) % threads);
            Thread th = new Thread(() -> {
                Owned[] held = new Owned[64];
                long myAllocs = 0;
                long myOps = 0;
                try {
                    while (ops.get() < target && failure.get() == null) {
                        int n = 1 + rnd.nextInt(held.length);
                        for (int i = 0; i < n; i++) {
                            Owned o = z.alloc(Zone.NOWAIT);
                            if (!o.owner.compareAndSet(0, me)) {
                                failure.set(o + " allocated to thread " + me + " while owned by " + o.owner.get()
                                        + " (seed " + seed + ")");
                                return;
                            }
                            held[i] = o;
                        }
                        for (int i = 0; i < n; i++) {
                            Owned o = held[i];
                            if ((i & 1) == 0) {
                                next.add(o); // ownership moves with the item; the receiver checks it
                            } else {
                                free(z, o, me, failure, seed);
                            }
                        }
                        for (Owned o; (o = mine.poll()) != null; ) {
                            int from = o.owner.get();
                            if (from == 0 || !o.owner.compareAndSet(from, me)) {
                                failure.set(o + " received by " + me + " but owned by " + from + " (seed " + seed + ")");
                                return;
                            }
                            free(z, o, me, failure, seed);
                        }
                        myAllocs += n;
                        myOps += 2L * n;
                        if (myOps >= 4096) {
                            ops.addAndGet(myOps);
                            allocs.addAndGet(myAllocs);
                            myOps = 0;
                            myAllocs = 0;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e + " (seed " + seed + ")");
                } finally {
                    allocs.addAndGet(myAllocs);
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        if (failure.get() != null) {
            fail(failure.get());
        }
        for (ConcurrentLinkedQueue<Owned> q : inbox) {
            for (Owned o; (o = q.poll()) != null; ) {
                o.owner.set(0);
                z.free(o);
            }
        }
        ZoneStats s = z.stats();
        assertTrue(ops.get() >= target, "ops " + ops.get());
        assertEquals(allocs.get(), s.requests(), "requests (seed " + seed + ")");
        assertEquals(0, s.used(), "allocs - frees (seed " + seed + ")");
        z.reclaim(Reclaim.DRAIN);
        assertEquals(z.keg().freeItems(), z.keg().verify(), "slab free counts match their bitmaps");
    }

    private static void free(Zone<Owned> z, Owned o, int me, AtomicReference<String> failure, long seed) {
        if (!o.owner.compareAndSet(me, 0)) {
            failure.set(o + " freed by " + me + " but owned by " + o.owner.get() + " (seed " + seed + ")");
            return;
        }
        z.free(o);
    }
}
