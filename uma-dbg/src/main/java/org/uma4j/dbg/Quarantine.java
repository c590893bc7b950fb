package org.uma4j.dbg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.Zone;

/**
 * Freed items held back before reuse, oldest released first, bounded by item count and
 * bytes: the longer an item stays out of the caches, the wider the window in which its trash
 * catches a late write. An item's trash is verified as it leaves ({@link ZoneHooks#leavingQuarantine}),
 * so a write while it was held is reported then, whether or not the item is ever allocated
 * again; released items go back through {@link Zone#releaseHeld(Item)}.
 *
 * <p>Threading: the FIFO is guarded by the lock; items are released outside it, on the thread
 * whose hold pushed them out (or the one that flushes).
 */
final class Quarantine {
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Entry> fifo = new ArrayDeque<>(); // guarded by lock; oldest first
    private final int maxItems;   // bound in items; 0 = hold nothing
    private final long maxBytes;  // bound in bytes; 0 = hold nothing
    private long bytes;           // held bytes; guarded by lock

    Quarantine(int maxItems, long maxBytes) {
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
    }

    /**
     * Holds a freed item, marking its record HELD, and releases the oldest items past the
     * bounds. Returns false (holds nothing) if the bounds are zero or the item alone exceeds them.
     */
    boolean hold(Zone<?> zone, ZoneHooks hooks, Item item, ItemRecord r) {
        if (maxItems == 0 || maxBytes < item.size()) {
            return false;
        }
        r.setState(ItemRecord.HELD);
        List<Entry> out = new ArrayList<>(2);
        lock.lock();
        try {
            fifo.addLast(new Entry(zone, hooks, item, r));
            bytes += item.size();
            while (fifo.size() > maxItems || bytes > maxBytes) {
                Entry e = fifo.removeFirst();
                bytes -= e.item.size();
                out.add(e);
            }
        } finally {
            lock.unlock();
        }
        release(out);
        return true;
    }

    /** Releases every held item (or those of one zone if {@code zone} is not null); returns how many. */
    int flush(Zone<?> zone) {
        List<Entry> out = new ArrayList<>();
        lock.lock();
        try {
            fifo.removeIf(e -> {
                if (zone == null || e.zone == zone) {
                    out.add(e);
                    bytes -= e.item.size();
                    return true;
                }
                return false;
            });
        } finally {
            lock.unlock();
        }
        return release(out);
    }

    /** Returns the number of items held. */
    int size() {
        lock.lock();
        try {
            return fifo.size();
        } finally {
            lock.unlock();
        }
    }

    private static int release(List<Entry> out) {
        int n = 0;
        for (Entry e : out) {
            // HELD -> CACHED publishes nothing; it only proves nobody else handed the item back.
            if (e.record.casState(ItemRecord.HELD, ItemRecord.CACHED)) {
                e.hooks.leavingQuarantine(e.item, e.record); // not in a cache yet: nobody can allocate it
                e.zone.releaseHeld(e.item);
                n++;
            }
        }
        return n;
    }

    /** One held item. */
    private static final class Entry {
        final Zone<?> zone;       // where it goes back
        final ZoneHooks hooks;    // its zone's hooks, which verify it on the way out
        final Item item;          // the item
        final ItemRecord record;  // its record

        Entry(Zone<?> zone, ZoneHooks hooks, Item item, ItemRecord record) {
            this.zone = zone;
            this.hooks = hooks;
            this.item = item;
            this.record = record;
        }
    }
}
