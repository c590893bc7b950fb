package org.uma4j.alloc;

/**
 * Per-item events: every allocation and free of a zone, for profiling (JFR item events) and
 * call-site accounting. Installed only when wanted; a zone without one pays a single branch.
 *
 * <p>Assumptions and guarantees:
 * <ol>
 *   <li>Called on the allocating or freeing thread, with no lock held, after the ctor (alloc)
 *       or the dtor (free).</li>
 *   <li>Must not block, must not allocate from the observed zone, and should not allocate on
 *       the heap: it runs on the fast path.</li>
 *   <li>An exception propagates to the caller after the item's state is consistent.</li>
 * </ol>
 *
 * <p>An abstract class, not an interface, for the reason {@link DebugHooks} gives: on JDK 17 a
 * call through a class type with one loaded implementation costs no type guard. A class that
 * also observes slow paths extends this one and implements {@link ZoneObserver}.
 */
public abstract class ItemObserver {

    /**
     * An item was allocated.
     *
     * @param zone the zone
     * @param item the item (never a view)
     * @param site the caller's site id, 0 if none
     */
    public abstract void onAlloc(Zone<?> zone, Item item, int site);

    /**
     * An item was freed.
     *
     * @param zone the zone
     * @param item the item (never a view)
     * @param site the caller's site id, 0 if none
     */
    public abstract void onFree(Zone<?> zone, Item item, int site);
}
