package org.uma4j.jfr;

import org.uma4j.alloc.Item;
import org.uma4j.alloc.Reclaim;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneObserver;
import org.uma4j.alloc.ItemObserver;

/**
 * The observer that turns a zone's slow-path and per-item callbacks into JFR events. One
 * instance serves every zone; {@link JfrInstall} puts it on each zone built after install.
 *
 * <p>Every callback first asks a probe instance whether its event type is enabled, and
 * computes no field unless it is: before registration the answer is a constant false, and
 * with a recording running but the event off it is one volatile read (below 1 ns, see
 * {@code reference/jfr.md} §1.6). {@code begin()} is only called behind that guard, because
 * it reads the clock even for a disabled event.
 *
 * <p>Threading: stateless apart from the per-thread pending {@link AllocationDelayedEvent};
 * called on the allocating or freeing thread, with no zone or keg lock held. It never throws
 * on purpose and never allocates from a zone.
 */
final class ZoneEvents extends ItemObserver implements ZoneObserver {
    // Probes: asked only isEnabled(), which reads the live setting of the type, never a cache.
    private static final SlabGrowEvent SLAB_GROW = new SlabGrowEvent();
    private static final SlabReleaseEvent SLAB_RELEASE = new SlabReleaseEvent();
    private static final LimitReachedEvent LIMIT_REACHED = new LimitReachedEvent();
    private static final AllocationDelayedEvent ALLOCATION_DELAYED = new AllocationDelayedEvent();
    private static final ReclaimEvent RECLAIM = new ReclaimEvent();
    private static final ItemAllocationEvent ITEM_ALLOCATION = new ItemAllocationEvent();
    private static final ItemFreeEvent ITEM_FREE = new ItemFreeEvent();

    // onLimit(sleeping) begins the wait, onSleep ends it, on the same thread with nothing between.
    private static final ThreadLocal<AllocationDelayedEvent> DELAYED = new ThreadLocal<>();

    @Override
    public void onSlab(Zone<?> zone, boolean grow, long bytes, int items) {
        if (grow) {
            if (SLAB_GROW.isEnabled()) {
                SlabGrowEvent e = new SlabGrowEvent();
                e.zone = zone.name();
                e.bytes = bytes;
                e.items = items;
                e.commit();
            }
        } else if (SLAB_RELEASE.isEnabled()) {
            SlabReleaseEvent e = new SlabReleaseEvent();
            e.zone = zone.name();
            e.bytes = bytes;
            e.items = items;
            e.commit();
        }
    }

    @Override
    public void onLimit(Zone<?> zone, boolean sleeping) {
        if (sleeping) {
            if (ALLOCATION_DELAYED.isEnabled()) {
                AllocationDelayedEvent e = new AllocationDelayedEvent();
                e.begin();
                DELAYED.set(e);
            }
        } else if (LIMIT_REACHED.isEnabled()) {
            LimitReachedEvent e = new LimitReachedEvent();
            e.zone = zone.name();
            e.limit = zone.limit();
            e.commit();
        }
    }

    @Override
    public void onSleep(Zone<?> zone, long startNanos, long nanos, boolean granted) {
        AllocationDelayedEvent e = DELAYED.get();
        if (e == null) {
            return; // the event was off when the wait began
        }
        DELAYED.remove();
        e.end();
        if (e.shouldCommit()) { // below the threshold: nothing more to compute
            e.zone = zone.name();
            e.limit = zone.limit();
            e.granted = granted;
            e.commit();
        }
    }

    @Override
    public void onReclaim(Zone<?> zone, Reclaim level, long startNanos, long nanos, long items, int slabs) {
        if (RECLAIM.isEnabled()) {
            ReclaimEvent e = new ReclaimEvent();
            e.zone = zone.name();
            e.level = level.name();
            e.reclaimTime = nanos;
            e.items = items;
            e.slabs = slabs;
            e.commit();
        }
    }

    @Override
    public void onAlloc(Zone<?> zone, Item item, int site) {
        if (ITEM_ALLOCATION.isEnabled()) {
            // Fields are plain reads, so they are filled before commit() runs the sample filter.
            ItemAllocationEvent e = new ItemAllocationEvent();
            e.zone = zone.name();
            e.length = item.length();
            e.slab = item.slabId();
            e.index = item.index();
            e.site = site;
            e.commit();
        }
    }

    @Override
    public void onFree(Zone<?> zone, Item item, int site) {
        if (ITEM_FREE.isEnabled()) {
            ItemFreeEvent e = new ItemFreeEvent();
            e.zone = zone.name();
            e.length = item.length();
            e.slab = item.slabId();
            e.index = item.index();
            e.site = site;
            e.commit();
        }
    }
}
