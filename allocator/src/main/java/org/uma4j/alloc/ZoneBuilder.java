package org.uma4j.alloc;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds a {@link Zone}: a primary zone with its own keg, or a secondary zone on another
 * zone's keg ({@link Zone#secondary(String)}).
 *
 * <pre>{@code
 * Zone<Buf> clusters = Zone.builder("cluster", 2048)
 *         .refcount()
 *         .limit(65536)
 *         .warning("uma4j.nmbclusters limit reached")
 *         .build();
 * }</pre>
 *
 * <p>Threading: a builder is used by one thread. {@link #build()} runs the registry's
 * {@link ZoneConfigurer}s, then registers the zone.
 *
 * @param <T> the item type
 */
public final class ZoneBuilder<T extends Item> {
    final String name;                  // the zone's name
    private final int itemSize;         // bytes per item
    private final ItemFactory<T> factory; // null for secondary zones (the keg has one)
    private final Keg<T> keg;           // non-null for secondary zones
    Layout layout = Layout.PACKED;      // primary zones only
    boolean refcount;                   // items may be retained
    boolean views;                      // per-allocation views (generation handles)
    long limit;                         // 0 = none
    ItemHook<T> ctor;                   // per alloc
    ItemHook<T> dtor;                   // per free
    ItemHook<T> init;                   // entering the cache
    ItemHook<T> fini;                   // leaving the cache
    ZoneObserver observer;              // slow-path events
    ItemObserver itemObserver;          // per-item events
    DebugHooks debug;                   // uma_dbg seam
    ZoneRegistry registry = ZoneRegistry.global(); // where the zone is listed
    int bucketSize;                     // 0 = by item size
    int bucketMax;                      // 0 = 256
    long cacheBytes = 8L << 20;         // bound on the zone's cached bytes
    String warning;                     // text for the limit warning
    Consumer<Zone<?>> maxAction;        // run when the limit is hit

    ZoneBuilder(String name, int itemSize, ItemFactory<T> factory) {
        this.name = checkName(name);
        if (itemSize <= 0) {
            throw new IllegalArgumentException("itemSize: " + itemSize + " (expected: > 0)");
        }
        this.itemSize = itemSize;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.keg = null;
    }

    ZoneBuilder(String name, Keg<T> keg) {
        this.name = checkName(name);
        this.keg = keg;
        this.itemSize = keg.geometry().itemSize();
        this.factory = null;
        this.layout = keg.geometry().layout();
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: " + (name == null ? "null" : "\"" + name + "\"")
                    + " (expected: a non-blank zone name)");
        }
        return name;
    }

    /** Returns the zone's name. */
    public String name() {
        return name;
    }

    /** Returns the bytes per item. */
    public int itemSize() {
        return itemSize;
    }

    /** Returns true if this builds a secondary zone on an existing keg. */
    public boolean isSecondary() {
        return keg != null;
    }

    /** Returns true if the items of this zone can have per-allocation views ({@link #generationHandles()}). */
    public boolean supportsViews() {
        return (keg != null ? keg.factory() : factory).supportsViews();
    }

    /** Returns the limit set so far; 0 means none. */
    public long limit() {
        return limit;
    }

    /** Sets the memory layout of a primary zone's keg (default {@link Layout#PACKED}). */
    public ZoneBuilder<T> layout(Layout layout) {
        if (keg != null && layout != keg.geometry().layout()) {
            throw new IllegalArgumentException("layout: " + layout + " (expected: " + keg.geometry().layout()
                    + ", the layout of the keg this secondary zone shares)");
        }
        this.layout = Objects.requireNonNull(layout, "layout");
        return this;
    }

    /** Lets items be shared: {@link Item#retain()} and {@link Item#release()} (UMA_ZONE_REFCNT). */
    public ZoneBuilder<T> refcount() {
        this.refcount = true;
        return this;
    }

    /**
     * Hands out a new view per allocation, stamped with the item's generation, so a stale
     * handle is caught at its next use and an unreachable allocation can be seen by the GC.
     * Costs one small object per allocation: a debug setting.
     */
    public ZoneBuilder<T> generationHandles() {
        if (!supportsViews()) {
            throw new IllegalArgumentException("generationHandles: zone \"" + name + "\" has items without views"
                    + " (expected: an ItemFactory whose supportsViews() is true, such as Buf's)");
        }
        this.views = true;
        return this;
    }

    /** Sets the item limit (0 = none); changeable later with {@link Zone#setLimit}. */
    public ZoneBuilder<T> limit(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("limit: " + max + " (expected: >= 0, 0 for none)");
        }
        this.limit = max;
        return this;
    }

    /** Sets the ctor, run on every allocation. */
    public ZoneBuilder<T> ctor(ItemHook<T> hook) {
        this.ctor = Objects.requireNonNull(hook, "ctor");
        return this;
    }

    /** Sets the dtor, run on every free. */
    public ZoneBuilder<T> dtor(ItemHook<T> hook) {
        this.dtor = Objects.requireNonNull(hook, "dtor");
        return this;
    }

    /** Sets the init, run when an item enters the zone's caches from the keg. */
    public ZoneBuilder<T> init(ItemHook<T> hook) {
        this.init = Objects.requireNonNull(hook, "init");
        return this;
    }

    /** Sets the fini, run when an item leaves the zone's caches for the keg. */
    public ZoneBuilder<T> fini(ItemHook<T> hook) {
        this.fini = Objects.requireNonNull(hook, "fini");
        return this;
    }

    /** Adds a slow-path observer; several are called in the order added. */
    public ZoneBuilder<T> observer(ZoneObserver o) {
        Objects.requireNonNull(o, "observer");
        this.observer = observer == null ? o : Observers.of(observer, o);
        return this;
    }

    /** Adds a per-item observer; several are called in the order added. */
    public ZoneBuilder<T> itemObserver(ItemObserver o) {
        Objects.requireNonNull(o, "itemObserver");
        this.itemObserver = itemObserver == null ? o : Observers.of(itemObserver, o);
        return this;
    }

    /** Installs the debug hooks; a zone has at most one set. */
    public ZoneBuilder<T> debug(DebugHooks hooks) {
        Objects.requireNonNull(hooks, "debug");
        if (debug != null && debug != hooks) {
            throw new IllegalStateException("debug: zone \"" + name + "\" already has debug hooks " + debug
                    + " (expected: one set per zone)");
        }
        this.debug = hooks;
        return this;
    }

    /** Lists the zone in {@code registry} instead of {@link ZoneRegistry#global()}. */
    public ZoneBuilder<T> registry(ZoneRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /** Sets the first bucket size and its ceiling, in items (defaults: by item size, 256). */
    public ZoneBuilder<T> buckets(int initial, int max) {
        if (initial < 1 || max < initial) {
            throw new IllegalArgumentException("buckets: " + initial + ".." + max + " (expected: 1 <= initial <= max)");
        }
        this.bucketSize = initial;
        this.bucketMax = max;
        return this;
    }

    /** Bounds the bytes the zone keeps cached in all its buckets together (default 8 MiB). */
    public ZoneBuilder<T> cacheBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cacheBytes: " + bytes + " (expected: >= 0)");
        }
        this.cacheBytes = bytes;
        return this;
    }

    /** Sets the text logged, at most every 300 s, when the limit is hit. */
    public ZoneBuilder<T> warning(String text) {
        this.warning = Objects.requireNonNull(text, "warning");
        return this;
    }

    /** Sets an action run on the allocating thread when the limit is hit, before it fails or sleeps. */
    public ZoneBuilder<T> maxAction(Consumer<Zone<?>> action) {
        this.maxAction = Objects.requireNonNull(action, "maxAction");
        return this;
    }

    /**
     * Builds the zone and lists it in its registry.
     *
     * @throws IllegalArgumentException if the registry already has a zone of that name
     */
    public Zone<T> build() {
        registry.configure(this);
        Keg<T> k = keg != null ? keg : new Keg<>(SlabGeometry.of(itemSize, layout), factory);
        return registry.add(this, k);
    }
}
