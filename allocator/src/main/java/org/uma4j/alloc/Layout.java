package org.uma4j.alloc;

/** How a keg lays out its items' memory; see {@link SlabGeometry}. */
public enum Layout {
    /** Many items cut from one {@code byte[]} per slab: fewest objects, UMA-like. */
    PACKED,
    /**
     * One {@code byte[]} per item, at array offset 0: for buffers that reach code which calls
     * {@code array()} and assumes it owns the whole array.
     */
    PER_ITEM
}
