package org.uma4j.alloc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A type-stable item of a keg: an object bound for life to one slot of slab memory, plus the
 * per-item metadata that zones, refcounts and the debug layer use.
 *
 * <p>Two kinds of object extend this class. The <b>item</b> itself is created once, when its
 * slab is cut, and reused by every allocation ({@code slot() == this}). A <b>view</b> is a
 * handle made for one allocation only, in zones built with
 * {@link ZoneBuilder#generationHandles()}: it points at the item, remembers the item's
 * generation when it was made, and so can tell when it has gone stale (its allocation was
 * freed and the item handed out again). Views also make GC-tracked leak detection possible,
 * because a view, unlike the item, becomes unreachable when its user drops it.
 *
 * <p>Threading: the metadata belongs to whoever owns the item at the time (see the life
 * cycle table in {@link Zone}); only the reference count is atomic, because shared storage
 * may be retained and released by several threads.
 */
public abstract class Item {
    static final byte FREE = 0;       // in its slab, owned by the keg
    static final byte CACHED = 1;     // in a bucket of a zone, owned by that zone
    static final byte ALLOCATED = 2;  // handed out, owned by the caller
    static final byte HELD = 3;       // freed, kept out of the caches by the debug layer (quarantine, leak)

    private static final VarHandle REFS;

    static {
        try {
            REFS = MethodHandles.lookup().findVarHandle(Item.class, "refs", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Hot fields first: the fast paths read slot, zone and state.
    final Item slot;          // the type-stable item this handle stands for; this for items
    Zone<?> zone;             // items: owning zone while cached or allocated (set under keg lock); views: their zone
    ZoneCache cache;          // items: the cache its last fast-path alloc popped it from, a hint for freeSole; owner of the item
    byte state;               // items only: FREE, CACHED or ALLOCATED; owner of the item
    int gen;                  // items only: bumped on every free; owner of the item
    int viewGen;              // views only: the item's gen when the view was made
    int length;               // bytes handed out for this allocation (<= size); owner of the allocation
    int site;                 // items only: site id of the current or last allocation; owner of the item
    private volatile int refs; // items only: references to the current allocation; 0 when not allocated
    Object debugRecord;       // items only: the debug layer's record of the item, null without one; see DebugHooks

    final byte[] array;       // backing memory, shared with the rest of the slab in packed kegs
    final int offset;         // first byte of this item in array
    final int size;           // bytes in the item
    final Slab slab;          // the slab the item was cut from
    final int index;          // the item's index in its slab

    /**
     * Creates the type-stable item for one slot; called by an {@link ItemFactory} while the
     * keg cuts a new slab.
     *
     * @param slot where the item lives; valid only during this call
     */
    protected Item(ItemSlot slot) {
        this.slot = this;
        this.array = slot.array;
        this.offset = slot.offset;
        this.size = slot.size;
        this.slab = slot.slab;
        this.index = slot.index;
        this.length = slot.size;
    }

    /**
     * Creates a view of an allocated item (see {@link ItemFactory#view}).
     *
     * @param item the item the view stands for; must be an item, not another view
     */
    protected Item(Item item) {
        if (item.slot != item) {
            throw new IllegalArgumentException("item: a view (expected: the item itself)");
        }
        this.slot = item;
        this.array = item.array;
        this.offset = item.offset;
        this.size = item.size;
        this.slab = item.slab;
        this.index = item.index;
        this.zone = item.zone;
        this.viewGen = item.gen;
        this.length = item.length;
    }

    /** Returns the type-stable item behind this handle: {@code this} unless this is a view. */
    public final Item slot() {
        return slot;
    }

    /** Returns true if this handle is a per-allocation view rather than the item itself. */
    public final boolean isView() {
        return slot != this;
    }

    /** Returns the zone this handle belongs to, or null for an item resting in its slab. */
    public final Zone<?> zone() {
        return zone;
    }

    /** Returns the keg the item was cut from (also for an item resting in its slab). */
    public final Keg<?> keg() {
        return slab.keg;
    }

    /** Returns the item's index within its slab; with {@link #slabId()} it names the item in reports. */
    public final int index() {
        return index;
    }

    /** Returns the keg-unique number of the item's slab. */
    public final int slabId() {
        return slab.id;
    }

    /** Returns the number of bytes in the item (the zone's item size). */
    public final int size() {
        return size;
    }

    /** Returns the number of bytes handed out for this allocation: at most {@link #size()}. */
    public final int length() {
        return length;
    }

    /**
     * Returns the item's generation: the number of times it has been freed. A view's
     * generation is the one it was made for, so a stale view differs from its item.
     */
    public final int generation() {
        return slot == this ? gen : viewGen;
    }

    /** Returns true if this handle refers to a live allocation (for a view: not stale). */
    public final boolean isAllocated() {
        Item it = slot;
        return it.state == ALLOCATED && (it == this || viewGen == it.gen);
    }

    /** Returns the site id passed with the item's current (or last) allocation; 0 if none. */
    public final int allocationSite() {
        return slot.site;
    }

    /** Returns the backing array of the item's memory (shared with other items in packed kegs). */
    public final byte[] memory() {
        return array;
    }

    /** Returns the offset of the item's first byte in {@link #memory()}. */
    public final int memoryOffset() {
        return offset;
    }

    /** Returns the number of references to the current allocation (0 once it is freed). */
    public final int refCnt() {
        checkLive();
        return slot.refs;
    }

    /**
     * Adds a reference to the allocation. Only items of zones built with
     * {@link ZoneBuilder#refcount()} may be shared.
     *
     * @throws IllegalStateException if the allocation was already released (retain after free)
     * @throws UnsupportedOperationException if the zone does not count references
     */
    public final void retain() {
        if (!checkRefHandle("retain after the last release")) {
            return;
        }
        Item it = slot;
        Zone<?> z = it.zone;
        if (z != null && !z.refcounted) {
            throw new UnsupportedOperationException("retain: zone \"" + (z == null ? "?" : z.name())
                    + "\" does not count references (expected: a zone built with refcount())");
        }
        for (;;) {
            int r = it.refs;
            if (r <= 0) {
                refcountError(z, this, "retain after the last release", r);
                return;
            }
            // CAS publishes nothing but the count; the storage was published by the allocation.
            if (REFS.compareAndSet(it, r, r + 1)) {
                return;
            }
        }
    }

    /**
     * Drops a reference; the last one frees the item to its zone.
     *
     * @return true if this call freed the item; false if references remain or the debug layer refused the free
     * @throws IllegalStateException if the allocation was already released
     */
    public final boolean release() {
        return release(0);
    }

    /**
     * As {@link #release()}, on behalf of call site {@code site}: the free, if this is the last
     * reference, reports that site to the zone's observers and debug layer.
     *
     * @param site the call site id (0: none)
     * @return true if this call freed the item; false if references remain or the debug layer refused the free
     * @throws IllegalStateException if the allocation was already released
     */
    public final boolean release(int site) {
        if (!checkRefHandle("release below zero")) {
            return false;
        }
        Item it = slot;
        Zone<?> z = zone;
        int r = it.refs;
        if (r == 1 && z != null && z.debug == null) {
            // Sole owner (FreeBSD's mb_free_ext fast path): a count of 1 means no other holder
            // may retain or release, so no atomic is needed; the free publishes the item. Two
            // racing last releases are a caller bug that only the debug layer promises to
            // catch: with debug hooks installed the CAS below is always taken.
            return z.freeHandle(this, site, 0L);
        }
        for (;;) {
            if (r <= 0) {
                refcountError(z, this, "release below zero", r);
                return false;
            }
            // Release ordering: our writes to the storage happen-before the last releaser's free.
            if (REFS.compareAndSet(it, r, r - 1)) {
                if (r == 1) {
                    return z.freeHandle(this, site, 0L);
                }
                return false;
            }
            r = it.refs;
        }
    }

    /**
     * Frees this item to its zone if the caller holds its only reference: for subclasses whose
     * own free knows the item is the allocation itself (not a view) and usually unshared, as an
     * mbuf that owns its cluster. One check of each fact the zone's free would check, without
     * the zone argument: the zone is the item's own.
     *
     * @param site the call site id of the free
     * @return true if this call freed the item; false, changing nothing, if it is a view, not
     *     allocated, shared, or its zone has debug hooks (which see every free): the caller then
     *     takes its general path, which reports or throws as the zone's free does
     */
    protected final boolean freeSole(int site) {
        Zone<?> z = zone;
        if (z == null) {
            return false;
        }
        // The cache is looked up before the checks, as measured (benchmarks/HISTORY.md): first
        // the hint the alloc left, two dependent loads where the zone's table takes four. It is
        // this thread's cache of this zone only if both match: the item may have been allocated
        // on another thread (producer/consumer); the zone compare guards zones sharing a keg.
        ZoneCache c = cache;
        if (c == null || c.owner != Thread.currentThread() || c.zone != z) {
            c = z.cache();
        }
        // A count of 1 read by its sole holder cannot change under it: no one else holds a
        // reference to retain with. An acquire read, not a volatile one: when a sharer's last
        // release (a CAS) left the 1, that sharer's writes to the storage happen-before this free.
        if (slot != this || state != ALLOCATED || z.debug != null || (int) REFS.getAcquire(this) != 1) {
            return false;
        }
        z.release(this, site, 0L, true, c);
        return true;
    }

    /**
     * Resets per-allocation state on the handle the caller is about to get; the zone calls
     * it on every allocation, before the ctor. Must not allocate.
     */
    protected void reset() {
    }

    /**
     * Sets the reference count; the zone calls this with 1 on alloc and 0 on free. A release
     * store, not a volatile one: the owner publishes the count with the item's other fields
     * when it hands the item over, and a full fence here would double the cost of a free.
     */
    final void setRefs(int r) {
        REFS.setRelease(this, r);
    }

    final int refs() {
        return refs;
    }

    private static void refcountError(Zone<?> z, Item h, String what, int refs) {
        if (z != null && z.debug != null) {
            z.debug.onRefcount(z, h, what, refs);
            return;
        }
        throw new IllegalStateException("uma4j: refcount error: " + what + " of " + h + " (refs " + refs
                + ", expected: > 0)");
    }

    /**
     * The handle check of retain and release: a view whose allocation was released, with the
     * item not handed out again, is a refcount error (one release too many); once the item
     * belongs to a new allocation it is a stale handle. Either way the operation is refused,
     * so a stale holder can never change the new owner's count.
     *
     * @return true if the operation may go on
     */
    private boolean checkRefHandle(String what) {
        Item it = slot;
        if (it == this || viewGen == it.gen) {
            return true;
        }
        if (it.state != ALLOCATED) {
            refcountError(zone, this, what, 0);
        } else {
            zone.staleAccess(this);
        }
        return false;
    }

    /**
     * Checks that a view is not stale; items are always live handles. Subclasses call this at
     * the top of every accessor, so a stale view is reported at its first use.
     */
    protected final void checkLive() {
        Item it = slot;
        if (it != this && viewGen != it.gen) {
            zone.staleAccess(this);
        }
    }

    /** Returns "item 17 (zone "mbuf", slab 3)", the way reports name an item. */
    @Override
    public String toString() {
        Zone<?> z = zone;
        return "item " + index + " (zone \"" + (z == null ? "-" : z.name()) + "\", slab " + slab.id + ")";
    }
}
