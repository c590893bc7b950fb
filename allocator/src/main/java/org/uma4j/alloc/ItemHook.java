package org.uma4j.alloc;

/**
 * A zone's ctor, dtor, init or fini (UMA's {@code uz_ctor}, {@code uz_dtor}, {@code uz_init},
 * {@code uz_fini}).
 *
 * <p>Assumptions and guarantees:
 * <ol>
 *   <li>ctor runs on every allocation, on the allocating thread, after the item left its cache
 *       and before the caller sees it; {@code arg} is the caller's argument.</li>
 *   <li>dtor runs on every free, on the freeing thread, before the item enters a cache; it must
 *       leave the item as init left it (type-stable storage); {@code arg} is the caller's.</li>
 *   <li>init runs when an item enters the zone's caches from the keg, fini when it goes back;
 *       {@code arg} is 0. init is where set-up that survives reuse belongs (an attached cluster,
 *       a cached view); ctor is per-allocation work (links, counters).</li>
 *   <li>Hooks may allocate from other zones and may block only if the caller passed
 *       {@link Zone#WAITOK}. They are never called with a zone or keg lock held.</li>
 *   <li>A ctor or init that throws fails the allocation: the item goes back (dtor or fini
 *       skipped) and the exception reaches the caller. dtor and fini must not throw; if they do,
 *       the item is still freed and the exception reaches the caller.</li>
 * </ol>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface ItemHook<T extends Item> {

    /**
     * Applies the hook to one item.
     *
     * @param item the item
     * @param arg the caller's argument for ctor and dtor; 0 for init and fini
     */
    void apply(T item, long arg);
}
