package org.uma4j.dbg;

/**
 * What {@link TrashHooks} keep per item: the sites a MODIFIED_AFTER_FREE report names and
 * whether the item holds trash of ours. Attached to the item once, at its first init in the
 * zone ({@link org.uma4j.alloc.DebugHooks#attach}), so the hooks reach it with one load.
 *
 * <p>Only primitives: the per-cycle stores are plain int and boolean stores, with no GC card
 * mark, no fence and no allocation.
 *
 * <p>Threading: every field belongs to whoever owns the item in the allocator's life cycle
 * (the allocating thread from alloc to free, the zone while cached), and is published with
 * the item by the allocator's own hand-offs (bucket cache lock, keg lock) and by the caller's
 * hand-off of the allocation between threads, as for {@link ItemRecord}'s plain fields.
 */
final class TrashRecord {
    int allocSite;   // site id of the current (or last) allocation; owner of the item
    int freeSite;    // site id of the last free accepted for an allocated item; 0 if none; owner of the item
    boolean trashed; // the whole item holds trash written by us and not yet verified; owner of the item
}
