package org.uma4j.alloc;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The JVM's stand-in for one of UMA's per-CPU caches ({@code struct uma_cache}): an alloc
 * bucket and a free bucket for one zone, and the counters of what went through them.
 *
 * <p>Threading: a platform thread's cache is touched by its owner only, without any lock or
 * atomic operation; another thread reads its counters racily for statistics and adopts it
 * once the owner has ended ({@code Thread.isAlive()} false gives the happens-before).
 * A stripe cache, shared by virtual threads, has a {@code lock} and is touched only while it
 * is held. An item keeps the cache its last fast-path alloc popped it from as its free's hint
 * ({@code Item.cache}); any thread may read the hint's final fields, and only the thread named
 * by {@link #owner} uses it.
 */
final class ZoneCache {
    final Zone<?> zone;        // the zone whose items this cache holds
    final ReentrantLock lock;  // null for a thread's own cache; the stripe lock otherwise
    final Thread owner;        // the thread whose cache this is; null for a stripe
    Bucket alloc;              // pop first; owner only (or stripe lock)
    Bucket free;               // push when alloc is full; owner only (or stripe lock)
    long allocs;               // racy: stat; written by owner only
    long frees;                // racy: stat; written by owner only
    int flushEpoch;            // owner only: the zone's flush epoch this cache last honoured

    ZoneCache(Zone<?> zone, ReentrantLock lock, Thread owner) {
        this.zone = zone;
        this.lock = lock;
        this.owner = owner;
        this.flushEpoch = zone.buckets.flushEpoch;
    }

    /** Counts one free: plain for a thread's own cache, under the stripe's lock otherwise. */
    void countFree() {
        if (lock == null) {
            frees++;
            return;
        }
        lock.lock();
        try {
            frees++;
        } finally {
            lock.unlock();
        }
    }
}
