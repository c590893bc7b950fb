package org.uma4j.alloc;

/**
 * Makes the type-stable item objects of a keg, and optionally per-allocation views of them.
 *
 * <p>Assumptions and guarantees:
 * <ol>
 *   <li>{@link #create} is called once per slot, under the keg lock, while a slab is cut; it
 *       must not allocate from any zone and must not block.</li>
 *   <li>{@link #view} is called on the allocating thread, only for zones built with
 *       {@link ZoneBuilder#generationHandles()}; it returns a new view each time.</li>
 *   <li>An exception from either fails the allocation that triggered it.</li>
 * </ol>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface ItemFactory<T extends Item> {

    /**
     * Creates the item for one slot by calling {@code new MyItem(slot)}.
     *
     * @param slot where the item lives
     * @return the new item
     */
    T create(ItemSlot slot);

    /**
     * Creates a view of an allocated item, by calling {@code new MyItem(item)}.
     *
     * @param item the item
     * @return a new view
     * @throws UnsupportedOperationException if this item type has no views (the default)
     */
    default T view(T item) {
        // Overridden together with supportsViews().
        throw new UnsupportedOperationException("view: " + item.getClass().getName()
                + " has no per-allocation views (expected: an ItemFactory that overrides view())");
    }

    /** Returns true if {@link #view} is implemented; {@link ZoneBuilder#generationHandles()} requires it. */
    default boolean supportsViews() {
        return false;
    }
}
