package org.uma4j.alloc;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * calling thread's cache. See {@link ZoneCache}, {@link BucketLayer}, {@link BucketCache}, {@link Keg}.
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
    private static final int PROBE = 8; // allocWait's first try: at the limit, go on to sleep uncounted

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
    final ZoneCache[] homes = new ZoneCache[ThreadCaches.HOMES]; // threads' caches by thread id (ThreadCaches#of)

    // Slow-path fields.
    final BucketLayer<T> buckets;          // bucket cache, keg import and release
    private volatile ZoneObserver observer; // null if none; slow paths only, so it may be added late
    private final ZoneCache[] stripes;     // caches shared by virtual threads; power-of-two length

    // Cold fields.
    private final String name;             // unique in its registry
    private final ZoneRegistry registry;   // where the zone is listed
    private final ZoneCounters counters = new ZoneCounters(); // FAIL, SLEEP and folded counts

    Zone(ZoneBuilder<T> b, Keg<T> keg, int id) {
        this.id = id;
        this.name = b.name;
        this.keg = keg;
        this.registry = b.registry;
        this.ctor = b.ctor;
        this.dtor = b.dtor;
        this.debug = b.debug;
        this.itemObserver = b.itemObserver;
        this.observer = b.observer;
        this.refcounted = b.refcount;
        this.views = b.views;
        this.limit = new Limit(b.warning, b.maxAction);
        this.buckets = new BucketLayer<>(this, b, keg, limit);
        int n = Integer.highestOneBit(Math.max(2, Math.min(64, 2 * Runtime.getRuntime().availableProcessors())) * 2 - 1);
        this.stripes = new ZoneCache[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = new ZoneCache(this, new ReentrantLock(), null);
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
        T h = allocInternal(-1, NOWAIT | PROBE, 0, 0L);
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
            } else if ((it = buckets.refill(c)) == null) {
                return allocAtLimit(length, flags, site, arg);
            }
            c.allocs++;
            if (it.cache != c) {
                it.cache = c; // the free's hint (Item.freeSole); a store only when it changes: G1's barrier
            }
        } else {
            c.lock.lock();
            try {
                Bucket b = c.alloc;
                it = b != null && b.count > 0 ? b.items[--b.count] : buckets.refill(c);
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
        try {
            if (views) {
                h = keg.factory().view(h);
            }
            h.reset();
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
            counters.fails.incrementAndGet();
            release(h, site, 0L, false, cache()); // back to its cache, dtor skipped
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

    /** Frees a handle; returns false if the debug layer refused the free (and reported why). */
    boolean freeHandle(Item h, int site, long arg) {
        if (debug != null && !debug.onFree(this, h, site)) {
            return false; // refused and reported by the debug layer
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
        release(h, site, arg, true, cache());
        return true;
    }

    /**
     * Caches an allocated item whose free the caller has checked (freeHandle, Item.freeSole),
     * in {@code c}, this zone's cache on the calling thread.
     */
    @SuppressWarnings("unchecked")
    void release(Item h, int site, long arg, boolean runDtor, ZoneCache c) {
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
            if (debug == null) {
                cacheFree(c, it, true);
            } else {
                releaseToDebug(it, c);
            }
        }
    }

    /** The end of a free under a debug layer, which may cache the item, hold it, or throw. */
    private void releaseToDebug(Item it, ZoneCache c) {
        // Counted once, in the thread's cache like any free (no atomic), whatever the layer
        // does: with the push when the item is cached (one stripe lock), else on its own.
        boolean counted = false;
        try {
            it.state = Item.HELD;
            if (debug.onFreed(this, it)) {
                it.state = Item.CACHED;
                cacheFree(c, it, true);
                counted = true;
            }
        } finally {
            if (!counted) {
                c.countFree(); // held, or the layer threw
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
        if (item.slot != item || item.zone != this || item.state != Item.HELD) {
            throw new IllegalArgumentException("item: " + item + " (expected: a freed item of zone \"" + name
                    + "\" held by its debug layer)");
        }
        item.state = Item.CACHED;
        cacheFree(cache(), item, false); // counted as a free when it was freed
    }

    private void cacheFree(ZoneCache c, Item it, boolean count) {
        if (c.lock != null) {
            c.lock.lock();
            try {
                buckets.pushOrSpill(c, it);
                c.frees += count ? 1 : 0;
            } finally {
                c.lock.unlock();
            }
            return;
        }
        Bucket b = c.alloc;
        if (b != null && b.count < b.items.length && limit.sleepers == 0) {
            b.items[b.count++] = it;                 // LIFO: the next alloc gets the hottest item
        } else {
            buckets.pushOrSpill(c, it);
        }
        c.frees += count ? 1 : 0;
    }

    private T allocAtLimit(int length, int flags, int site, long arg) {
        limit.hit(this);
        Item it = retry(); // the max action may have freed items or made room
        if (it == null) {
            if ((flags & PROBE) != 0) {
                return null;
            }
            if ((flags & NOWAIT) != 0) {
                counters.fails.incrementAndGet();
                ZoneObserver o = observer;
                if (o != null) {
                    o.onLimit(this, false);
                }
                return null;
            }
            it = sleepForItem(-1);
        }
        return construct(it, length, flags, site, arg);
    }

    /** One more pass through the cache layers after the max action ran; counts the alloc if it succeeds. */
    private Item retry() {
        ZoneCache c = cache();
        if (c.lock != null) {
            c.lock.lock();
        }
        try {
            Bucket b = c.alloc;
            Item it = b != null && b.count > 0 ? b.items[--b.count] : buckets.refill(c);
            if (it != null) {
                c.allocs++;
            }
            return it;
        } finally {
            if (c.lock != null) {
                c.lock.unlock();
            }
        }
    }

    /** Sleeps FIFO at the limit for one item; returns null only on timeout. */
    private Item sleepForItem(long timeoutNanos) {
        counters.sleeps.incrementAndGet();
        ZoneObserver o = observer;
        if (o != null) {
            o.onLimit(this, true);
        }
        long t0 = System.nanoTime();
        boolean granted = limit.acquire(timeoutNanos);
        if (o != null) {
            o.onSleep(this, t0, System.nanoTime() - t0, granted);
        }
        if (!granted) {
            counters.fails.incrementAndGet();
            return null;
        }
        counters.directAllocs.incrementAndGet();
        return buckets.importOne();
    }

    /** Takes over the cache of a thread that has ended: its counters, then its buckets. */
    void adopt(ZoneCache c) {
        counters.adopt(c);
        buckets.adopt(c);
    }

    /** Returns the calling thread's cache of this zone: its home slot, else the ThreadLocal table ({@link ThreadCaches#of}). */
    ZoneCache cache() {
        return ThreadCaches.of(this);
    }

    /** Returns the stripe of this zone that the calling virtual thread shares. */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+
    ZoneCache stripe() {
        long h = Thread.currentThread().getId() * 0x9E3779B97F4A7C15L;
        return stripes[(int) (h >>> 40) & (stripes.length - 1)];
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
        long items = 0;
        if (level == Reclaim.DRAIN_CPU) {
            buckets.flushEpoch++;
            ThreadCaches tc = ThreadCaches.CURRENT.get();
            if (tc != ThreadCaches.STRIPED && id < tc.caches.length && tc.caches[id] != null) {
                items += buckets.flush(tc.caches[id]);
            }
        }
        items += buckets.reclaim(level);
        int slabs = keg.drain();
        for (int i = 0; i < slabs; i++) {
            slabEvent(false, keg.geometry().slabBytes(), keg.geometry().itemsPerSlab());
        }
        ZoneObserver o = observer;
        if (o != null) {
            o.onReclaim(this, level, t0, System.nanoTime() - t0, items, slabs);
        }
        return items;
    }

    /** Returns the zone's statistics, folding the per-thread counters (racy, off the fast path). */
    public ZoneStats stats() {
        long[] sum = counters.fold(this, stripes);
        long allocs = sum[0];
        long frees = sum[1];
        long used = Math.max(0, allocs - frees);
        long cached = Math.max(0, limit.items() - used);
        boolean primary = isPrimary();
        long kegFree = primary ? keg.freeItems() : 0;
        int size = keg.geometry().itemSize();
        return new ZoneStats(name, size, limit.max(), used, cached + kegFree, allocs, counters.fails.get(), counters.sleeps.get(),
                keg.slabCount(), keg.slabBytes(), cached, kegFree, buckets.bucketSize(), limit.queued(), primary);
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
        buckets.setLimit(max);
        limit.setMax(max);
    }

    /** Returns the capacity, in items, of the buckets the zone makes now (it adapts). */
    public int bucketSize() {
        return buckets.bucketSize();
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

    /**
     * Adds a slow-path observer to a zone that already exists (zones built before JFR or the
     * agent was installed). Slow paths read the observer field once per event, so a late
     * observer costs them one volatile read; the per-item observer and debug hooks, read on
     * the fast path, can only be set when the zone is built.
     */
    public synchronized void addObserver(ZoneObserver o) {
        java.util.Objects.requireNonNull(o, "observer");
        ZoneObserver cur = observer;
        observer = cur == null ? o : Observers.of(cur, o);
    }

    /** Returns true if the zone has debug hooks (uma-dbg) installed. */
    public boolean hasDebugHooks() {
        return debug != null;
    }

    /** Returns true if the zone hands out a new generation-stamped view per allocation. */
    public boolean hasGenerationHandles() {
        return views;
    }

    /** True if threads sleep at the limit or are counted in by {@link #addSleepers} ({@code uma_zone_exhausted}). */
    public boolean isExhausted() {
        return limit.sleepers > 0;
    }

    /**
     * Counts in (n &gt; 0) or out threads that sleep elsewhere for memory this zone's cached items
     * hold (mbuma: a cluster sleeper, while packet pairs hold clusters). While any is counted, frees
     * bypass the caches as for the zone's own sleepers, and a thread's next slow path honours a
     * pending {@link Reclaim#DRAIN_CPU}.
     */
    public void addSleepers(int n) {
        limit.addSleepers(n);
    }

    void countFail() {
        counters.fails.incrementAndGet();
    }

    void slabEvent(boolean grow, long bytes, int items) {
        ZoneObserver o = observer;
        if (o != null) {
            o.onSlab(this, grow, bytes, items);
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

    @Override
    public String toString() {
        return "zone \"" + name + "\" (" + keg.geometry() + ")";
    }
}
