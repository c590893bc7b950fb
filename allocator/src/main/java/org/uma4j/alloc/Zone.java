package org.uma4j.alloc;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A zone: the typed front end over a keg, with ctor/dtor, init/fini, per-thread caches, a
 * cache of full buckets, an optional item limit and statistics (UMA's {@code uma_zone}).
 *
 * <pre>{@code
 * Zone<Buf> zone = Zone.builder("buf-2048", 2048).build();
 * Buf b = zone.alloc(Zone.NOWAIT);   // null only at the limit
 * b.writeBytes(data, 0, n);
 * zone.free(b);                      // or b.release() when shared with retain()
 * }</pre>
 *
 * <p><b>Item life cycle</b> (who owns the item in each state, and the hooks on entry):
 * <table>
 *   <caption>states of an item</caption>
 *   <tr><th>state</th><th>owner</th><th>entered by</th><th>hooks and debug checks on entry</th></tr>
 *   <tr><td>free in slab</td><td>keg (keg lock)</td><td>new slab; fini</td>
 *       <td>{@code DebugHooks.onFini} (verify trash), then fini</td></tr>
 *   <tr><td>cached</td><td>the zone: a thread cache or the bucket cache</td><td>import from keg</td>
 *       <td>init, then {@code DebugHooks.onInit} (fill trash)</td></tr>
 *   <tr><td>allocated</td><td>the caller</td><td>alloc</td>
 *       <td>{@code DebugHooks.onAlloc} (verify trash, mark allocated), then ctor</td></tr>
 *   <tr><td>cached</td><td>the zone</td><td>free</td>
 *       <td>{@code DebugHooks.onFree} (state checks), dtor, {@code DebugHooks.onFreed} (fill trash,
 *       quarantine)</td></tr>
 * </table>
 * init is not ctor: init sets up what survives reuse (a cached view, an attached cluster) and
 * runs once per trip through the cache; ctor is per-allocation work and runs on every alloc.
 *
 * <p><b>Limits.</b> Cached items count against the limit, as in UMA: a bucket import reserves
 * its items first. At the limit {@link #NOWAIT} fails at once (a FAIL) and {@link #WAITOK}
 * sleeps FIFO until a free (a SLEEP); while anyone sleeps, frees bypass the caches.
 *
 * <p>Threading: all methods may be called from any thread. The fast paths touch only the
 * calling thread's cache. See {@link ZoneCache}, {@link BucketCache}, {@link Keg}.
 *
 * @param <T> the item type
 */
public final class Zone<T extends Item> {
    /** Fail at once when the zone is at its limit (returns null). */
    public static final int NOWAIT = 1;
    /** Sleep until an item is free when the zone is at its limit; never returns null. */
    public static final int WAITOK = 2;
    /** Zero the allocated bytes. */
    public static final int ZERO = 4;

    // Hot fields, read on every alloc or free.
    final int id;                          // global zone id: index into thread cache arrays
    private final ItemHook<T> ctor;        // null if none
    private final ItemHook<T> dtor;        // null if none
    final DebugHooks debug;                // null if no debug layer
    private final ItemObserver itemObserver; // null if none
    final Limit limit;                     // always present; max 0 = unlimited
    final boolean refcounted;              // items may be retained
    private final boolean views;           // hand out a new view per allocation
    private final Keg<T> keg;              // where items come from

    // Slow-path fields.
    private final ItemHook<T> init;        // null if none
    private final ItemHook<T> fini;        // null if none
    private final ZoneObserver observer;   // null if none
    private final BucketCache bucketCache; // full and spare buckets; the zone lock
    private final ZoneCache[] stripes;     // caches shared by virtual threads; power-of-two length
    volatile int flushEpoch;               // bumped by DRAIN_CPU; caches flush when theirs differs
    private volatile int bucketSize;       // capacity of new buckets; racy: adaptive
    private final int bucketMin;           // bucket size floor
    private final int bucketMax;           // bucket size ceiling
    private final long cacheBytes;         // the caller's cache bound in bytes (before the limit caps it)

    // Cold fields.
    private final String name;             // unique in its registry
    private final ZoneRegistry registry;   // where the zone is listed
    private final String warning;          // printed (rate-limited) when the limit is hit; null if none
    private final java.util.function.Consumer<Zone<?>> maxAction; // run when the limit is hit; null if none
    private final AtomicLong fails = new AtomicLong();    // FAIL
    private final AtomicLong sleeps = new AtomicLong();   // SLEEP
    private final AtomicLong directAllocs = new AtomicLong(); // allocs served past the caches
    private final AtomicLong adoptedAllocs = new AtomicLong(); // folded from ended threads' caches
    private final AtomicLong adoptedFrees = new AtomicLong();  // folded from ended threads' caches
    private final ReentrantLock statsLock = new ReentrantLock(); // orders folds with adoption
    private volatile long lastWarning = System.nanoTime() - TimeUnit.SECONDS.toNanos(301); // racy: rate limit
    private volatile boolean inMaxAction;  // racy: keeps the max action from recursing

    Zone(ZoneBuilder<T> b, Keg<T> keg, int id) {
        this.id = id;
        this.name = b.name;
        this.keg = keg;
        this.registry = b.registry;
        this.ctor = b.ctor;
        this.dtor = b.dtor;
        this.init = b.init;
        this.fini = b.fini;
        this.debug = b.debug;
        this.itemObserver = b.itemObserver;
        this.observer = b.observer;
        this.refcounted = b.refcount;
        this.views = b.views;
        this.warning = b.warning;
        this.maxAction = b.maxAction;
        this.limit = new Limit();
        this.bucketMin = 1;
        this.bucketMax = b.bucketMax > 0 ? b.bucketMax : 256;
        this.bucketSize = Math.min(bucketMax, b.bucketSize > 0 ? b.bucketSize : defaultBucketSize(keg.geometry().itemSize()));
        this.cacheBytes = b.cacheBytes;
        this.bucketCache = new BucketCache(cacheItems(b.limit));
        int n = Integer.highestOneBit(Math.max(2, Math.min(64, 2 * Runtime.getRuntime().availableProcessors())) * 2 - 1);
        this.stripes = new ZoneCache[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = new ZoneCache(this, new ReentrantLock());
        }
        limit.setMax(b.limit);
    }

    /** Returns a builder for a zone of {@link Buf}s of {@code itemSize} bytes. */
    public static ZoneBuilder<Buf> builder(String name, int itemSize) {
        return new ZoneBuilder<>(name, itemSize, Buf.FACTORY);
    }

    /** Returns a builder for a zone of items made by {@code factory}. */
    public static <T extends Item> ZoneBuilder<T> builder(String name, int itemSize, ItemFactory<T> factory) {
        return new ZoneBuilder<>(name, itemSize, factory);
    }

    /** Returns a builder for a secondary zone stacked on this zone's keg (UMA's {@code uma_zsecond_create}). */
    public ZoneBuilder<T> secondary(String name) {
        return new ZoneBuilder<>(name, keg).registry(registry);
    }

    /** Allocates one item, sleeping at the limit ({@link #WAITOK}). */
    public T alloc() {
        return allocInternal(-1, WAITOK, 0, 0L);
    }

    /** Allocates one item; {@code flags} combine {@link #NOWAIT} or {@link #WAITOK} with {@link #ZERO}. */
    public T alloc(int flags) {
        return allocInternal(-1, flags, 0, 0L);
    }

    /** Allocates one item on behalf of call site {@code site} (an id the reports resolve). */
    public T alloc(int flags, int site) {
        return allocInternal(-1, flags, site, 0L);
    }

    /** Allocates one item, passing {@code arg} to the ctor. */
    public T alloc(int flags, int site, long arg) {
        return allocInternal(-1, flags, site, arg);
    }

    /**
     * Allocates one item for {@code length} of its bytes; the rest is slack that the debug
     * layer may guard (redzone).
     */
    public T allocLength(int length, int flags, int site) {
        if (length < 0 || length > keg.geometry().itemSize()) {
            throw new IllegalArgumentException("length: " + length + " (expected: 0.."
                    + keg.geometry().itemSize() + ", the item size of zone \"" + name + "\")");
        }
        return allocInternal(length, flags, site, 0L);
    }

    /**
     * Allocates one item, waiting at most {@code timeout} at the limit.
     *
     * @return the item, or null if the wait timed out
     */
    public T allocWait(long timeout, TimeUnit unit) {
        T h = allocInternal(-1, NOWAIT, 0, 0L);
        if (h != null) {
            return h;
        }
        Item it = sleepForItem(unit.toNanos(timeout));
        return it == null ? null : construct(it, -1, 0, 0, 0L);
    }

    private T allocInternal(int length, int flags, int site, long arg) {
        ZoneCache c = cache();
        Item it;
        if (c.lock == null) {
            Bucket b = c.alloc;
            if (b != null && b.count > 0) {
                it = b.items[--b.count];            // per-thread LIFO: no lock, no atomic
            } else if ((it = refill(c)) == null) {
                return allocAtLimit(length, flags, site, arg);
            }
            c.allocs++;
        } else {
            c.lock.lock();
            try {
                Bucket b = c.alloc;
                it = b != null && b.count > 0 ? b.items[--b.count] : refill(c);
                if (it != null) {
                    c.allocs++;
                }
            } finally {
                c.lock.unlock();
            }
            if (it == null) {
                return allocAtLimit(length, flags, site, arg);
            }
        }
        return construct(it, length, flags, site, arg);
    }

    @SuppressWarnings("unchecked")
    private T construct(Item it, int length, int flags, int site, long arg) {
        int len = length < 0 ? it.size : length;
        it.state = Item.ALLOCATED;
        it.site = site;
        it.length = len;
        it.setRefs(1);
        T h = (T) it;
        if (views) {
            h = keg.factory().view(h);
        }
        h.reset();
        try {
            if (debug != null) {
                debug.onAlloc(this, h, site);
            }
            if ((flags & ZERO) != 0) {
                Arrays.fill(it.array, it.offset, it.offset + len, (byte) 0);
            }
            if (ctor != null) {
                ctor.apply(h, arg);
            }
        } catch (RuntimeException | Error e) {
            fails.incrementAndGet();
            release(h, site, 0L, false); // back to its cache, dtor skipped
            throw e;
        }
        if (itemObserver != null) {
            itemObserver.onAlloc(this, it, site);
        }
        return h;
    }

    /** Frees an allocated item (or view) to this zone. */
    public void free(T item) {
        freeHandle(item, 0, 0L);
    }

    /** Frees an allocated item on behalf of call site {@code site}. */
    public void free(T item, int site) {
        freeHandle(item, site, 0L);
    }

    /** Frees an allocated item, passing {@code arg} to the dtor. */
    public void free(T item, int site, long arg) {
        freeHandle(item, site, arg);
    }

    void freeHandle(Item h, int site, long arg) {
        if (debug != null && !debug.onFree(this, h, site)) {
            return; // refused and reported by the debug layer
        }
        Item it = h.slot;
        if (it.zone != this || h.zone != this) {
            throw new IllegalArgumentException("uma4j: free of " + h + " to zone \"" + name
                    + "\" (expected: an item of zone \"" + name + "\")");
        }
        if (it.state != Item.ALLOCATED || (h != it && h.viewGen != it.gen)) {
            throw new IllegalStateException("uma4j: " + (h != it && it.state == Item.ALLOCATED ? "stale" : "duplicate")
                    + " free of " + h + " (expected: an allocated item)");
        }
        if (it.refs() > 1) {
            throw new IllegalStateException("uma4j: free of " + h + " with " + it.refs()
                    + " references (expected: 1; shared items are freed by release())");
        }
        release(h, site, arg, true);
    }

    @SuppressWarnings("unchecked")
    private void release(Item h, int site, long arg, boolean runDtor) {
        Item it = h.slot;
        try {
            if (runDtor && dtor != null) {
                dtor.apply((T) h, arg);
            }
        } finally {
            it.state = Item.CACHED;
            it.gen++;
            it.setRefs(0);
            if (runDtor && itemObserver != null) {
                itemObserver.onFree(this, it, site);
            }
            if (debug == null || debug.onFreed(this, it)) {
                cacheFree(it);
            }
        }
    }

    /**
     * Hands back an item the debug layer kept out of the caches when it was freed
     * ({@link DebugHooks#onFreed} returned false), for example at the end of its quarantine.
     *
     * @param item an item of this zone, freed and held by the debug layer
     */
    public void releaseHeld(Item item) {
        if (item.slot != item || item.zone != this || item.state != Item.CACHED) {
            throw new IllegalArgumentException("item: " + item + " (expected: a freed item of zone \"" + name + "\")");
        }
        cacheFree(item);
    }

    private void cacheFree(Item it) {
        ZoneCache c = cache();
        if (c.lock != null) {
            c.lock.lock();
            try {
                pushOrSpill(c, it);
                c.frees++;
            } finally {
                c.lock.unlock();
            }
            return;
        }
        Bucket b = c.alloc;
        if (b != null && b.count < b.items.length && limit.sleepers == 0) {
            b.items[b.count++] = it;                 // LIFO: the next alloc gets the hottest item
        } else {
            pushOrSpill(c, it);
        }
        c.frees++;
    }

    /** The free slow path: swap buckets, exchange a full bucket for an empty one, or go to the keg. */
    private void pushOrSpill(ZoneCache c, Item it) {
        if (limit.sleepers > 0) {
            toKeg(it); // someone waits at the limit: give the item back at once so they wake
            return;
        }
        if (c.flushEpoch != flushEpoch) {
            flush(c);
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
    private Item refill(ZoneCache c) {
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
        c.alloc = a;
        int n = limit.reserve(Math.min(a.capacity(), bucketSize));
        if (n == 0) {
            return null;
        }
        importInto(a, n);
        return a.items[--a.count];
    }

    /** Fills an empty bucket with {@code n} reserved items from the keg, running init on each. */
    @SuppressWarnings("unchecked")
    private void importInto(Bucket b, int n) {
        Item[] dst = b.items;
        keg.fetch(this, dst, n);
        int i = 0;
        try {
            for (; i < n; i++) {
                Item it = dst[i];
                if (init != null) {
                    init.apply((T) it, 0L);
                }
                if (debug != null) {
                    debug.onInit(this, it);
                }
                b.count++;
            }
        } finally {
            if (i < n) {
                // init failed on dst[i]: it and the rest go back (fini skipped); the bucket keeps the good ones.
                keg.release(dst, i, n - i);
                limit.release(n - i);
            }
        }
    }

    /** Takes one reserved item from the keg through init; the caller has reserved it. */
    private Item importOne() {
        Bucket one = new Bucket(1); // slow path past the cache bound: the garbage is accepted here
        importInto(one, 1);
        return one.items[0];
    }

    private T allocAtLimit(int length, int flags, int site, long arg) {
        limitHit();
        Item it = limit.reserve(1) == 1 ? importOne() : null; // the max action may have made room
        if (it == null) {
            if ((flags & NOWAIT) != 0) {
                fails.incrementAndGet();
                if (observer != null) {
                    observer.onLimit(this, false);
                }
                return null;
            }
            it = sleepForItem(-1);
        } else {
            directAllocs.incrementAndGet();
        }
        return construct(it, length, flags, site, arg);
    }

    /** Sleeps FIFO at the limit for one item; returns null only on timeout. */
    private Item sleepForItem(long timeoutNanos) {
        sleeps.incrementAndGet();
        if (observer != null) {
            observer.onLimit(this, true);
        }
        long t0 = System.nanoTime();
        boolean granted = limit.acquire(timeoutNanos);
        if (observer != null) {
            observer.onSleep(this, t0, System.nanoTime() - t0, granted);
        }
        if (!granted) {
            fails.incrementAndGet();
            return null;
        }
        directAllocs.incrementAndGet();
        return importOne();
    }

    private void limitHit() {
        long now = System.nanoTime();
        if (warning != null && now - lastWarning > TimeUnit.SECONDS.toNanos(300)) {
            lastWarning = now;
            System.getLogger("org.uma4j.alloc").log(System.Logger.Level.WARNING,
                    "uma4j: [zone: " + name + "] " + warning);
        }
        if (maxAction != null && !inMaxAction) {
            inMaxAction = true;
            try {
                maxAction.accept(this);
            } finally {
                inMaxAction = false;
            }
        }
    }

    /** Gives one cached item back to its slab: debug fini check, fini, keg, limit. */
    @SuppressWarnings("unchecked")
    private void toKeg(Item it) {
        try {
            if (debug != null) {
                debug.onFini(this, it);
            }
            if (fini != null) {
                fini.apply((T) it, 0L);
            }
        } finally {
            keg.release(it);
            limit.release(1);
        }
    }

    /** Gives every item of a bucket back to the keg and empties it. */
    private void drainToKeg(Bucket b) {
        for (int i = 0; i < b.count; i++) {
            toKeg(b.items[i]);
        }
        b.count = 0;
    }

    /** Empties a cache's buckets to the keg (a DRAIN_CPU request); owner or stripe lock only. */
    private void flush(ZoneCache c) {
        c.flushEpoch = flushEpoch;
        for (Bucket b : new Bucket[] {c.alloc, c.free}) {
            if (b != null) {
                drainToKeg(b);
            }
        }
    }

    /** Takes over the cache of a thread that has ended: its counters and its buckets. */
    void adopt(ZoneCache c) {
        statsLock.lock();
        try {
            adoptedAllocs.addAndGet(c.allocs);
            adoptedFrees.addAndGet(c.frees);
            c.allocs = 0;
            c.frees = 0;
        } finally {
            statsLock.unlock();
        }
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

    ZoneCache cache() {
        ThreadCaches tc = ThreadCaches.CURRENT.get();
        ZoneCache[] cs = tc.caches;
        int i = id;
        if (i < cs.length) {
            ZoneCache c = cs[i];
            if (c != null) {
                return c;
            }
        }
        return cacheSlow(tc);
    }

    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+
    private ZoneCache cacheSlow(ThreadCaches tc) {
        if (tc == ThreadCaches.STRIPED) {
            long h = Thread.currentThread().getId() * 0x9E3779B97F4A7C15L;
            return stripes[(int) (h >>> 40) & (stripes.length - 1)];
        }
        return tc.create(this);
    }

    /**
     * Gives cached memory back: see {@link Reclaim} for the levels. Safe at any time; live
     * threads' caches are flushed at their next slow path (DRAIN_CPU).
     *
     * @return the number of items given back to the keg
     */
    public long reclaim(Reclaim level) {
        long t0 = System.nanoTime();
        if (level != Reclaim.TRIM) {
            ThreadCaches.sweep();
        }
        if (level == Reclaim.DRAIN_CPU) {
            flushEpoch++;
            ThreadCaches tc = ThreadCaches.CURRENT.get();
            if (tc != ThreadCaches.STRIPED && id < tc.caches.length && tc.caches[id] != null) {
                flush(tc.caches[id]);
            }
        }
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
            bucketSize = Math.max(bucketMin, bucketSize >> 1); // shrink: it grows back under contention
        }
        int slabs = keg.drain();
        for (int i = 0; i < slabs; i++) {
            slabEvent(false, keg.geometry().slabBytes(), keg.geometry().itemsPerSlab());
        }
        if (observer != null) {
            observer.onReclaim(this, level, t0, System.nanoTime() - t0, items, slabs);
        }
        return items;
    }

    /** Returns the zone's statistics, folding the per-thread counters (racy, off the fast path). */
    public ZoneStats stats() {
        long allocs;
        long frees;
        statsLock.lock();
        try {
            long[] sum = {adoptedAllocs.get() + directAllocs.get(), adoptedFrees.get()};
            ThreadCaches.forEach(this, c -> {
                sum[0] += c.allocs;
                sum[1] += c.frees;
            });
            for (ZoneCache c : stripes) {
                sum[0] += c.allocs;
                sum[1] += c.frees;
            }
            allocs = sum[0];
            frees = sum[1];
        } finally {
            statsLock.unlock();
        }
        long used = Math.max(0, allocs - frees);
        long cached = Math.max(0, limit.items() - used);
        boolean primary = isPrimary();
        long kegFree = primary ? keg.freeItems() : 0;
        int size = keg.geometry().itemSize();
        return new ZoneStats(name, size, limit.max(), used, cached + kegFree, allocs, fails.get(), sleeps.get(),
                keg.slabCount(), keg.slabBytes(), cached, kegFree, bucketSize, limit.sleepers, primary);
    }

    /** Returns the zone's name. */
    public String name() {
        return name;
    }

    /** Returns the bytes per item. */
    public int itemSize() {
        return keg.geometry().itemSize();
    }

    /** Returns the keg the zone takes items from (shared with secondary zones). */
    public Keg<T> keg() {
        return keg;
    }

    /** Returns true if this is the first zone of its keg (the one whose stats show the keg's free items). */
    public boolean isPrimary() {
        return keg.zones.get(0) == this;
    }

    /** Returns the registry that lists the zone. */
    public ZoneRegistry registry() {
        return registry;
    }

    /** Returns true if items may be shared with {@link Item#retain()}. */
    public boolean isRefcounted() {
        return refcounted;
    }

    /** Returns the item limit; 0 means none. */
    public long limit() {
        return limit.max();
    }

    /**
     * Sets the item limit at run time (UMA's {@code uma_zone_set_max}); 0 removes it. Raising
     * it wakes sleepers; lowering it below the items out makes new allocations wait for frees.
     * The cache bound is kept at most half the limit so caches cannot starve the zone.
     *
     * @param max items, &gt;= 0
     */
    public void setLimit(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("limit: " + max + " (expected: >= 0, 0 for none)");
        }
        bucketCache.lock();
        try {
            bucketCache.setMaxItems(cacheItems(max));
        } finally {
            bucketCache.lock.unlock();
        }
        limit.setMax(max);
    }

    /** Returns the capacity, in items, of the buckets the zone makes now (it adapts). */
    public int bucketSize() {
        return bucketSize;
    }

    /**
     * Destroys the zone: drains it and removes it from its registry.
     *
     * @throws IllegalStateException if items are still allocated
     */
    public void destroy() {
        ZoneStats s = stats();
        if (s.used() > 0) {
            throw new IllegalStateException("zone \"" + name + "\": " + s.used()
                    + " items still allocated (expected: 0 before destroy)");
        }
        reclaim(Reclaim.DRAIN_CPU);
        registry.remove(this);
    }

    void slabEvent(boolean grow, long bytes, int items) {
        if (observer != null) {
            observer.onSlab(this, grow, bytes, items);
        }
    }

    void staleAccess(Item view) {
        if (debug != null) {
            debug.onStale(this, view);
            return;
        }
        throw new IllegalStateException("uma4j: stale handle: " + view + " used after its allocation (generation "
                + view.viewGen + ") was freed (expected: generation " + view.slot.gen + ")");
    }

    static void refcountError(Zone<?> z, Item h, String what, int refs) {
        if (z != null && z.debug != null) {
            z.debug.onRefcount(z, h, what, refs);
            return;
        }
        throw new IllegalStateException("uma4j: refcount error: " + what + " of " + h + " (refs " + refs
                + ", expected: > 0)");
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

    @Override
    public String toString() {
        return "zone \"" + name + "\" (" + keg.geometry() + ")";
    }
}
