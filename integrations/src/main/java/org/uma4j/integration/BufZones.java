package org.uma4j.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Layout;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneBuilder;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.alloc.ZoneStats;

/**
 * The size-class zones that serve a framework's heap buffers: one refcounted zone of
 * {@link Buf}s per power of two from {@value #MIN_SIZE} B to {@link #maxSize()} (64 KiB by
 * default), named {@code <prefix>-<size>} ({@code netty-2048}, {@code jetty-16384}). A request
 * is served by the smallest class that holds it, for exactly the requested length
 * ({@link Zone#allocLength}), so the slack up to the class size is the debug layer's redzone.
 * Larger requests are not served here: {@link #alloc} returns null, the caller falls back to a
 * plain array, and the fallback is counted ({@link #fallbacks()}, {@link #fallbackBytes()}).
 *
 * <pre>{@code
 * BufZones zones = new BufZones("netty");
 * Buf b = zones.alloc(1500);          // from zone "netty-2048", capacity() == 1500
 * ...
 * zones.free(b);                      // the item goes back to its zone at once
 * }</pre>
 *
 * <p>Zones default to {@link Layout#PER_ITEM}: each buffer is a whole {@code byte[]} at
 * offset 0, because framework buffers reach application code that calls {@code array()} and
 * may ignore {@code arrayOffset()} (DESIGN §4.4). The registry's {@code ZoneConfigurer}s run
 * for every zone, which is how the debug layer (trash, generation handles, leak tracking)
 * reaches these zones without this class knowing about it.
 *
 * <p>Memory returns to a zone only on an explicit {@link #free} (DESIGN §4.5: never on GC).
 *
 * <p>Threading: safe for any number of threads; the zones' own rules apply (per-thread caches,
 * frees from any thread). The fallback counters are racy statistics.
 */
public final class BufZones {
    /** Smallest size class, in bytes. */
    public static final int MIN_SIZE = 64;
    /** Default largest size class, in bytes. */
    public static final int DEFAULT_MAX_SIZE = 64 * 1024;

    private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_SIZE);

    private final String prefix;              // zone name prefix
    private final ZoneRegistry registry;      // where the zones are listed
    private final Zone<Buf>[] zones;          // by size class: index 0 holds MIN_SIZE
    private final int maxSize;                // largest class; a power of two
    private final Object debug;               // the UmaDbg installed on the registry when made, or null
    private final boolean touches;            // debug keeps access records: touch() forwards hints
    private final LongAdder fallbacks = new LongAdder();     // racy: stat
    private final LongAdder fallbackBytes = new LongAdder(); // racy: stat

    /**
     * Creates the default classes (64 B to 64 KiB, per-item layout) in the global registry.
     *
     * @param prefix the zone name prefix, unique among the registry's zones
     */
    public BufZones(String prefix) {
        this(prefix, ZoneRegistry.global(), Layout.PER_ITEM, DEFAULT_MAX_SIZE);
    }

    /**
     * Creates the size classes from {@value #MIN_SIZE} B to {@code maxSize}.
     *
     * @param prefix the zone name prefix; the zones are {@code prefix-64} ... {@code prefix-maxSize}
     * @param registry where the zones are listed (and whose configurers decorate them)
     * @param layout the keg layout; {@link Layout#PER_ITEM} unless every consumer honours arrayOffset
     * @param maxSize the largest class, a power of two &gt;= {@value #MIN_SIZE}
     * @throws IllegalArgumentException if a zone of that name exists or maxSize is not a power of two
     */
    @SuppressWarnings("unchecked")
    public BufZones(String prefix, ZoneRegistry registry, Layout layout, int maxSize) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("prefix: " + (prefix == null ? "null" : "\"" + prefix + "\"")
                    + " (expected: a non-blank zone name prefix)");
        }
        if (maxSize < MIN_SIZE || Integer.bitCount(maxSize) != 1) {
            throw new IllegalArgumentException("maxSize: " + maxSize
                    + " (expected: a power of two >= " + MIN_SIZE + ")");
        }
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(layout, "layout");
        this.prefix = prefix;
        this.registry = registry;
        this.maxSize = maxSize;
        int n = Integer.numberOfTrailingZeros(maxSize) - MIN_SHIFT + 1;
        this.zones = new Zone[n];
        for (int i = 0; i < n; i++) {
            ZoneBuilder<Buf> b = Zone.builder(prefix + "-" + (MIN_SIZE << i), MIN_SIZE << i)
                    .registry(registry)
                    .layout(layout)
                    .refcount();
            zones[i] = b.build();
        }
        this.debug = DebugSites.lookup(registry);
        this.touches = debug != null && DebugSites.recordsAccesses(debug);
    }

    /**
     * Allocates a buffer of exactly {@code length} bytes from the smallest class that holds it,
     * on behalf of call site {@code site} (0: unknown; the debug layer may then capture one).
     *
     * @param length bytes, &gt;= 0
     * @param site a site id, or 0
     * @return the buffer (refcount 1, indices 0), or null if {@code length} exceeds
     *         {@link #maxSize()}: the caller then uses a plain array and should call
     *         {@link #countFallback(int)}
     */
    public Buf alloc(int length, int site) {
        if (length < 0) {
            throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
        }
        if (length > maxSize) {
            return null;
        }
        return zones[sizeClass(length)].allocLength(length, Zone.WAITOK, site);
    }

    /** Counts one request too large for the zones, served by a plain array of {@code length} bytes. */
    public void countFallback(int length) {
        fallbacks.increment();
        fallbackBytes.add(length);
    }

    /**
     * Frees a buffer that {@link #alloc} returned; its memory goes back to its zone at once.
     *
     * @param b the buffer, holding its only reference
     */
    public void free(Buf b) {
        b.free();
    }

    /**
     * Tells the allocator, and through it the debug layer, that the owner of {@code b} released
     * it once more after its last release. With generation handles ({@code b.isView()}) the
     * core sees a free of a stale handle and the debug layer reports the duplicate free with
     * the allocation site and the first free; the item, possibly handed out again since, is
     * left alone. Without them the item cannot tell this allocation from a later one, so
     * nothing is passed on: the framework's own exception is all the caller gets.
     *
     * @param b the buffer the owner released before
     * @throws RuntimeException whatever the debug layer's policy throws for the report
     */
    public void reportOverRelease(Buf b) {
        if (b != null && b.isView() && !b.isAllocated()) {
            b.free(); // a stale view: refused and reported by the debug hooks, or rejected by the core
        }
    }

    /**
     * Tells the debug layer installed on the zones' registry, if any, to treat this module's
     * classes and classes whose names start with one of {@code classPrefixes} (the framework's
     * buffer plumbing) as internal when it captures the caller of an allocation or a free, so
     * reports name the framework's or the application's frame. Cheap and idempotent enough to
     * call from each integration's constructor; does nothing without a debug layer.
     *
     * @return true if a debug layer was told
     */
    public boolean skipCallerFrames(String... classPrefixes) {
        return debug != null && DebugSites.skip(debug, classPrefixes);
    }

    /**
     * Adds an access record with {@code hint} to the allocation behind {@code b} when the
     * debug layer keeps access records (its FULL level); otherwise one branch. Frameworks call
     * it from their own touch (Netty's {@code ByteBuf.touch(Object)}), so a leak report lists
     * the handlers the buffer went through.
     *
     * @param b a buffer from {@link #alloc}, or null (ignored)
     * @param hint what touched it; converted with {@code String.valueOf} only when recorded
     */
    public void touch(Buf b, Object hint) {
        if (touches && b != null) {
            DebugSites.touch(debug, b, hint);
        }
    }

    /** Returns the index of the smallest class holding {@code length} bytes, which must be &lt;= maxSize. */
    static int sizeClass(int length) {
        return length <= MIN_SIZE ? 0 : 32 - Integer.numberOfLeadingZeros(length - 1) - MIN_SHIFT;
    }

    /** Returns the zone name prefix. */
    public String prefix() {
        return prefix;
    }

    /** Returns the largest size class, in bytes. */
    public int maxSize() {
        return maxSize;
    }

    /** Returns the registry that lists the zones. */
    public ZoneRegistry registry() {
        return registry;
    }

    /** Returns the zones, smallest class first. */
    public List<Zone<Buf>> zones() {
        return List.of(zones);
    }

    /** Returns the zone that serves {@code length} bytes, or null if it is larger than {@link #maxSize()}. */
    public Zone<Buf> zoneFor(int length) {
        return length < 0 || length > maxSize ? null : zones[sizeClass(length)];
    }

    /** Returns every class's statistics, smallest first. */
    public List<ZoneStats> stats() {
        List<ZoneStats> out = new ArrayList<>(zones.length);
        for (Zone<Buf> z : zones) {
            out.add(z.stats());
        }
        return out;
    }

    /** Returns the allocations made from the zones and not freed yet, over all classes. */
    public long used() {
        long n = 0;
        for (Zone<Buf> z : zones) {
            n += z.stats().used();
        }
        return n;
    }

    /** Returns the bytes held by allocated items, over all classes (item-held, at class size). */
    public long usedBytes() {
        long n = 0;
        for (Zone<Buf> z : zones) {
            n += z.stats().usedBytes();
        }
        return n;
    }

    /** Returns the requests served by plain arrays because they exceeded {@link #maxSize()}. */
    public long fallbacks() {
        return fallbacks.sum();
    }

    /** Returns the bytes of those fallback requests. */
    public long fallbackBytes() {
        return fallbackBytes.sum();
    }

    /**
     * Gives the zones' cached memory back ({@link org.uma4j.alloc.Reclaim#DRAIN}); allocated
     * buffers are not touched.
     *
     * @return items given back to the kegs
     */
    public long drain() {
        long n = 0;
        for (Zone<Buf> z : zones) {
            n += z.reclaim(org.uma4j.alloc.Reclaim.DRAIN);
        }
        return n;
    }

    @Override
    public String toString() {
        return "BufZones[" + prefix + "-" + MIN_SIZE + ".." + prefix + "-" + maxSize + "]";
    }
}
