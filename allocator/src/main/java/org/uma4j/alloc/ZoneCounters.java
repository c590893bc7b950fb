package org.uma4j.alloc;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A zone's counters that live outside its thread caches — FAIL, SLEEP, allocations served past
 * the caches, and the counts folded in from ended threads — and the fold that adds the live
 * caches' own counters on read.
 *
 * <p>Threading: the atomics may be bumped from any thread. {@code lock} orders a fold with an
 * adoption, so a count is seen either in a cache or in {@code adopted*}, never in both or neither.
 */
final class ZoneCounters {
    final AtomicLong fails = new AtomicLong();          // FAIL
    final AtomicLong sleeps = new AtomicLong();         // SLEEP
    final AtomicLong directAllocs = new AtomicLong();   // allocs served past the caches
    private final AtomicLong adoptedAllocs = new AtomicLong(); // folded from ended threads' caches
    private final AtomicLong adoptedFrees = new AtomicLong();  // folded from ended threads' caches
    private final ReentrantLock lock = new ReentrantLock();    // orders folds with adoption

    /** Moves an ended thread's counters into the zone's. */
    void adopt(ZoneCache c) {
        lock.lock();
        try {
            adoptedAllocs.addAndGet(c.allocs);
            adoptedFrees.addAndGet(c.frees);
            c.allocs = 0;
            c.frees = 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns {allocs, frees} of the zone: its own counters plus every live cache's (racy reads
     * of plain fields their owners write: a statistic, never used for a decision).
     */
    long[] fold(Zone<?> zone, ZoneCache[] stripes) {
        lock.lock();
        try {
            long[] sum = {adoptedAllocs.get() + directAllocs.get(), adoptedFrees.get()};
            ThreadCaches.forEach(zone, c -> {
                sum[0] += c.allocs;
                sum[1] += c.frees;
            });
            for (ZoneCache c : stripes) {
                sum[0] += c.allocs;
                sum[1] += c.frees;
            }
            return sum;
        } finally {
            lock.unlock();
        }
    }
}
