package org.uma4j.dbg;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import org.uma4j.alloc.Item;

/**
 * The GC tracker of one allocation's view: enqueued when the view becomes unreachable. If
 * the allocation is still live by then, nobody can free it any more: a leak.
 *
 * <p>Threading: created on the allocating thread, cleared on the freeing thread (a cleared
 * reference is never enqueued), polled by any thread.
 */
final class LeakRef extends WeakReference<Item> {
    final ZoneHooks hooks;   // the zone of the allocation
    final ItemRecord record; // the item's record
    final int generation;    // the allocation's generation
    final int index;         // item index, for the report
    final int slabId;        // slab id, for the report

    LeakRef(Item view, ReferenceQueue<Item> queue, ZoneHooks hooks, ItemRecord record) {
        super(view, queue);
        this.hooks = hooks;
        this.record = record;
        this.generation = view.generation();
        this.index = view.index();
        this.slabId = view.slabId();
    }
}
