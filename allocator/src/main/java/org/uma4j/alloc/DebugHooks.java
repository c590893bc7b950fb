package org.uma4j.alloc;

/**
 * The seam for uma_dbg-style checks: trash fill and verify, allocation-state bitsets,
 * generation checks, quarantine and leak tracking. The allocator only calls these at the
 * points below; the debug layer decides what to check and how to report it.
 *
 * <p>Item life cycle and the calls on each transition (see {@link Zone}):
 * <pre>
 *   keg --init--&gt; {@link #onInit} --&gt; cached --{@link #onAlloc}, ctor--&gt; allocated
 *   allocated --{@link #onFree}, dtor, {@link #onFreed}--&gt; cached --{@link #onFini}, fini--&gt; keg
 * </pre>
 *
 * <p>Assumptions and guarantees:
 * <ol>
 *   <li>Called on the allocating or freeing thread with no zone or keg lock held.</li>
 *   <li>{@link #onAlloc} runs before the ctor, so trash can be verified before the ctor writes;
 *       {@link #onFreed} runs after the dtor, so trash is written after the dtor's last write.</li>
 *   <li>{@link #onFree} returning false refuses the free (the hooks have reported why); the
 *       item is then left exactly as it was. {@link #onFreed} returning false keeps the item
 *       out of the caches: the hooks own it and must later hand it back with
 *       {@link Zone#releaseHeld(Item)} (quarantine), or keep it for ever (a leaked item whose
 *       memory may still be reachable).</li>
 *   <li>Hooks may allocate on the heap and may throw; an exception from {@link #onFree} or
 *       {@link #onAlloc} reaches the caller with the item unchanged (for onAlloc: back in
 *       its cache).</li>
 *   <li>{@link #onStale} is called when a stale view is used; it may throw to stop the access.</li>
 * </ol>
 *
 * <p>An abstract class, not an interface, because three of its methods run on every alloc and
 * free. JDK 17's C2 never binds a call through an interface type by class hierarchy analysis,
 * so each call kept a type guard (the receiver's class loaded and compared) even with one
 * implementation loaded; through a class type it binds the call to the one loaded override
 * and drops the guard. With empty hooks installed that took ≈ 0.8 ns off a 2 KiB alloc + free
 * on JDK 17 ({@code Uma4jZoneSpiBenchmark.emptySpis}), and ≈ 0.1 ns on JDK 25. Extend it and
 * override what the layer checks; every method defaults to doing nothing.
 */
public abstract class DebugHooks {

    /**
     * Returns the record the debug layer attached to {@code item} (the item, not a view) with
     * {@link #attach}, or null: one field per item reserved for the layer, like the debug
     * bitset UMA keeps in each slab, so the hooks find their per-item state with one load.
     */
    public static Object attached(Item item) {
        return item.debugRecord;
    }

    /**
     * Attaches the debug layer's record to {@code item} (the item, not a view). Called by the
     * hooks of the item's keg only, on the item's first sight; the record then stays for the
     * item's life. Owner-written: published with the item by the allocator's hand-offs.
     */
    public static void attach(Item item, Object record) {
        item.slot.debugRecord = record;
    }

    /** An item entered the zone's caches from the keg, after the zone's init. */
    public void onInit(Zone<?> zone, Item item) {
    }

    /** An item leaves the zone's caches for the keg, before the zone's fini. */
    public void onFini(Zone<?> zone, Item item) {
    }

    /**
     * An item is being allocated: state, site and length are set, the ctor has not run.
     *
     * @param zone the zone
     * @param handle what the caller will get: the item, or a new view of it
     * @param site the caller's site id
     */
    public void onAlloc(Zone<?> zone, Item handle, int site) {
    }

    /**
     * A free was asked for, before any check of the allocator's own and before the dtor.
     *
     * @param zone the zone the caller freed to
     * @param handle what the caller passed (an item or a view; maybe from another zone)
     * @param site the caller's site id
     * @return false to refuse the free
     */
    public boolean onFree(Zone<?> zone, Item handle, int site) {
        return true;
    }

    /**
     * An item was freed: the dtor has run, state is cached, the generation was bumped.
     *
     * @return false to keep the item out of the caches (quarantine or leak)
     */
    public boolean onFreed(Zone<?> zone, Item item) {
        return true;
    }

    /** A stale view (its allocation was freed) was used; may throw to stop the access. */
    public void onStale(Zone<?> zone, Item view) {
    }

    /**
     * A reference count went wrong: a release below zero or a retain after the last release.
     * May throw; if it returns, the operation is ignored.
     */
    public void onRefcount(Zone<?> zone, Item handle, String what, int refs) {
    }
}
