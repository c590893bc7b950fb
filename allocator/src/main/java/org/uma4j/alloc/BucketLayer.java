package org.uma4j.alloc;

import java.util.List;

/**
 * What stands behind a zone's thread caches: the bucket exchange with the zone's
 * {@link BucketCache}, imports from the keg through init (reserving room in the limit first)
 * and releases to the keg through fini, bucket-size adaptation, and the bucket half of
 * reclaim. UMA's {@code cache_alloc}/{@code cache_free}, {@code zone_import} and
 * {@code zone_release}.
 *
 * <p>Threading: methods that take a {@link ZoneCache} run on its owner thread (or under its
 * stripe lock); the rest take the zone lock or the keg lock as they say.
 *
 * @param <T> the item type
 */
final class BucketLayer<T extends Item> {
    private final Zone<T> zone;              // the zone in front
    private final Keg<T> keg;                // where items come from
    private final Limit limit;               // the zone's limit: imports reserve, releases give back
    private final ItemHook<T> init;          // null if none
    private final ItemHook<T> fini;          // null if none
    private final DebugHooks debug;          // null if none
    final BucketCache bucketCache;           // full and spare buckets; the zone lock
    volatile int flushEpoch;                 // bumped by DRAIN_CPU; caches flush when theirs differs
    private volatile int bucketSize;         // capacity of new buckets; racy: adaptive
    private final int bucketMin;             // bucket size floor
    private final int bucketMax;             // bucket size ceiling
    private final long cacheBytes;           // the builder's cache bound in bytes, before the limit caps it

    BucketLayer(Zone<T> zone, ZoneBuilder<T> b, Keg<T> keg, Limit limit) {
        this.zone = zone;
        this.keg = keg;
        this.limit = limit;
        this.init = b.init;
        this.fini = b.fini;
        this.debug = b.debug;
        this.bucketMin = 1;
        this.bucketMax = b.bucketMax > 0 ? b.bucketMax : 256;
        int size = keg.geometry().itemSize();
        this.bucketSize = Math.min(bucketMax, b.bucketSize > 0 ? b.bucketSize : defaultBucketSize(size));
        this.cacheBytes = b.cacheBytes;
        this.bucketCache = new BucketCache(cacheItems(b.limit));
    }

    int bucketSize() {
        return bucketSize;
    }

    /** The free slow path: swap buckets, exchange a full bucket for an empty one, or go to the keg. */
    void pushOrSpill(ZoneCache c, Item it) {
        if (c.flushEpoch != flushEpoch) {
            flush(c); // first: a sleeper's DRAIN_CPU asks for this thread's cached items too
        }
        if (limit.sleepers > 0) {
            toKeg(it); // someone waits at the limit: give the item back at once so they wake
            return;
        }
        Bucket a = c.alloc;
        if (a != null && !a.isFull()) {
            a.items[a.count++] = it;
            return;
        }
        Bucket f = c.free;
        if (f != null && !f.isFull()) {
            c.alloc = f;
            c.free = a;
            f.items[f.count++] = it;
            return;
        }
        Bucket e;
        boolean contended = bucketCache.lock();
        try {
            if (f != null) {
                bucketCache.putFull(f);
            }
            e = bucketCache.takeEmpty(bucketSize);
        } finally {
            bucketCache.lock.unlock();
        }
        if (contended) {
            grow();
        }
        c.free = e;
        if (e == null) {
            toKeg(it);
        } else {
            e.items[e.count++] = it;
        }
    }


    /**
     * The alloc slow path: swap in the free bucket, else take a full bucket from the zone,
     * else fill a bucket from the keg. Returns null only if the limit left no room.
     */
    Item refill(ZoneCache c) {
        ThreadCaches.maybeSweep();
        if (c.flushEpoch != flushEpoch) {
            flush(c);
        }
        Bucket a = c.alloc;
        Bucket f = c.free;
        if (f != null && f.count > 0) {
            c.alloc = f;
            c.free = a;
            return f.items[--f.count];
        }
        Bucket got;
        boolean contended = bucketCache.lock();
        try {
            got = bucketCache.takeFull();
            if (got != null) {
                if (a != null) {
                    if (c.free == null) {
                        c.free = a;
                    } else {
                        bucketCache.putEmpty(a, bucketSize);
                    }
                }
            } else if (a == null) {
                a = bucketCache.takeEmpty(bucketSize);
            }
        } finally {
            bucketCache.lock.unlock();
        }
        if (contended) {
            grow();
        }
        if (got != null) {
            c.alloc = got;
            return got.items[--got.count];
        }
        if (a == null) {
            // No bucket to be had within the cache bound: one item straight from the keg.
            return limit.reserve(1) == 1 ? importOne() : null;
        }
        int n = limit.reserve(Math.min(a.capacity(), bucketSize));
        if (n == 0) {
            c.alloc = a;
            return null;
        }
        // While init runs, the bucket belongs to this call, not to the cache: a hook that
        // reclaims (DRAIN_CPU flushes the caller's cache) or allocates must not see it half full.
        c.alloc = null;
        try {
            importInto(a, n);
        } finally {
            install(c, a);
        }
        return c.alloc.items[--c.alloc.count];
    }

    /** Makes a freshly filled bucket the cache's alloc bucket, unless a re-entrant hook installed another. */
    private void install(ZoneCache c, Bucket a) {
        if (c.alloc == null) {
            c.alloc = a;
            return;
        }
        bucketCache.lock();
        try {
            if (a.count > 0) {
                bucketCache.putFull(a);
            } else {
                bucketCache.putEmpty(a, bucketSize);
            }
        } finally {
            bucketCache.lock.unlock();
        }
    }


    /** Fills an empty bucket with {@code n} reserved items from the keg, running init on each. */
    @SuppressWarnings("unchecked")
    private void importInto(Bucket b, int n) {
        Item[] dst = b.items;
        keg.fetch(zone, dst, n);
        int i = 0;
        try {
            for (; i < n; i++) {
                Item it = dst[i];
                if (init != null) {
                    init.apply((T) it, 0L);
                }
                if (debug != null) {
                    debug.onInit(zone, it);
                }
                b.count++;
            }
        } finally {
            if (i < n) {
                // init failed on dst[i]: it and the rest go back (fini skipped); the bucket keeps the good ones.
                keg.release(dst, i, n - i);
                limit.release(n - i);
                zone.countFail();
            }
        }
    }


    /** Takes one reserved item from the keg through init; the caller has reserved it. */
    Item importOne() {
        Bucket one = new Bucket(1); // slow path past the cache bound: the garbage is accepted here
        importInto(one, 1);
        return one.items[0];
    }


    /** Gives one cached item back to its slab: debug fini check, fini, keg, limit. */
    @SuppressWarnings("unchecked")
    void toKeg(Item it) {
        try {
            if (debug != null) {
                debug.onFini(zone, it);
            }
            if (fini != null) {
                fini.apply((T) it, 0L);
            }
        } finally {
            keg.release(it);
            limit.release(1);
        }
    }


    /**
     * Gives every item of a bucket back to the keg and empties it. A fini (or debug fini) that
     * throws does not strand the rest: every item goes back, then the first exception is rethrown.
     */
    void drainToKeg(Bucket b) {
        RuntimeException first = null;
        for (int i = 0; i < b.count; i++) {
            try {
                toKeg(b.items[i]);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        b.count = 0;
        if (first != null) {
            throw first;
        }
    }



    /** Empties a cache's buckets to the keg (a DRAIN_CPU request); owner or stripe lock only. Returns the items. */
    int flush(ZoneCache c) {
        c.flushEpoch = flushEpoch;
        int items = 0;
        for (Bucket b : new Bucket[] {c.alloc, c.free}) {
            if (b != null) {
                items += b.count;
                drainToKeg(b);
            }
        }
        return items;
    }


    /** Takes over the buckets of a thread that has ended; its counters were folded by the zone. */
    void adopt(ZoneCache c) {
        bucketCache.lock();
        try {
            for (Bucket b : new Bucket[] {c.alloc, c.free}) {
                if (b == null) {
                    continue;
                }
                if (b.count > 0) {
                    bucketCache.putFull(b);
                } else {
                    bucketCache.putEmpty(b, bucketSize);
                }
            }
            c.alloc = null;
            c.free = null;
        } finally {
            bucketCache.lock.unlock();
        }
    }


    private void grow() {
        int s = bucketSize;
        if (s < bucketMax) {
            bucketSize = Math.min(bucketMax, s + Math.max(1, s >> 2));
        }
    }


    /**
     * Empties the bucket cache (all of it, or for TRIM the part beyond the working set) into
     * the keg; shrinks the bucket size unless trimming.
     *
     * @return items given back to the keg
     */
    long reclaim(Reclaim level) {
        List<Bucket> out;
        bucketCache.lock();
        try {
            out = level == Reclaim.TRIM ? bucketCache.trim() : bucketCache.drain();
        } finally {
            bucketCache.lock.unlock();
        }
        long items = 0;
        for (Bucket b : out) {
            items += b.count;
            drainToKeg(b);
        }
        bucketCache.lock();
        try {
            for (Bucket b : out) {
                bucketCache.discard(b);
            }
        } finally {
            bucketCache.lock.unlock();
        }
        if (level != Reclaim.TRIM) {
            bucketSize = Math.max(bucketMin, bucketSize >> 1); // it grows back under contention
        }
        return items;
    }

    /** Re-derives the cache bound for a new limit. Takes the zone lock. */
    void setLimit(long max) {
        bucketCache.lock();
        try {
            bucketCache.setMaxItems(cacheItems(max));
        } finally {
            bucketCache.lock.unlock();
        }
    }

    private long cacheItems(long limitMax) {
        int size = keg.geometry().itemSize();
        long items = Math.max(2L * bucketMax, cacheBytes / size);
        return limitMax == 0 ? items : Math.max(1, Math.min(items, limitMax / 2));
    }

    /** UMA's {@code bucket_select}: smaller buckets for bigger items. */
    static int defaultBucketSize(int itemSize) {
        if (itemSize <= 64) {
            return 128;
        } else if (itemSize <= 256) {
            return 64;
        } else if (itemSize <= 1024) {
            return 32;
        } else if (itemSize <= 4096) {
            return 16;
        }
        return Math.max(4, 65536 / itemSize);
    }
}
