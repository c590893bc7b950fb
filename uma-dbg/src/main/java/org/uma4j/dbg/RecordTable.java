package org.uma4j.dbg;

import java.util.Arrays;
import org.uma4j.alloc.Item;

/**
 * The item records of one keg, by slab id and item index: UMA's per-slab debug bitset, with
 * a record per item instead of a bit. Shared by every instrumented zone on the keg.
 *
 * <p>Slab ids are small and dense (a keg numbers its slabs from 1), so records sit in an
 * array of per-slab arrays that grows under this table's monitor and is read without a lock.
 * Records of drained slabs stay: they name no memory (records hold no item reference), and
 * their number is bounded by the slabs the keg ever cut.
 *
 * <p>Threading: {@link #get} is safe for any thread; the arrays are replaced copy-on-write
 * under the monitor and published through the volatile field.
 */
final class RecordTable {
    private volatile ItemRecord[][] bySlab = new ItemRecord[8][]; // [slabId][index]; grown under this

    /** Returns the record of {@code item} (an item, not a view), creating it on first sight. */
    ItemRecord get(Item item) {
        ItemRecord[][] t = bySlab;
        int s = item.slabId();
        int i = item.index();
        if (s < t.length) {
            ItemRecord[] slab = t[s];
            if (slab != null && i < slab.length) {
                ItemRecord r = slab[i];
                if (r != null) {
                    return r;
                }
            }
        }
        return create(item, s, i);
    }

    /** Returns the record at {@code (slabId, index)} if there is one, else null. */
    ItemRecord find(int slabId, int index) {
        ItemRecord[][] t = bySlab;
        if (slabId < 0 || slabId >= t.length || t[slabId] == null || index < 0 || index >= t[slabId].length) {
            return null;
        }
        return t[slabId][index];
    }

    private synchronized ItemRecord create(Item item, int s, int i) {
        ItemRecord[][] t = bySlab;
        if (s >= t.length) {
            t = Arrays.copyOf(t, Math.max(s + 1, t.length * 2));
        }
        ItemRecord[] slab = t[s];
        if (slab == null || i >= slab.length) {
            int perSlab = Math.max(i + 1, slab == null ? 0 : slab.length);
            perSlab = Math.max(perSlab, Integer.highestOneBit(i) * 2);
            slab = slab == null ? new ItemRecord[perSlab] : Arrays.copyOf(slab, perSlab);
        } else if (slab[i] != null) {
            return slab[i];
        } else {
            slab = slab.clone();
        }
        ItemRecord r = new ItemRecord(System.identityHashCode(item));
        slab[i] = r;
        if (t == bySlab) {
            t = t.clone();
        }
        t[s] = slab;
        bySlab = t; // volatile write publishes the record's final identity with the arrays
        return r;
    }

    /** Calls {@code action} with every record (for scope checks); racy against concurrent creation. */
    void forEach(RecordVisitor action) {
        ItemRecord[][] t = bySlab;
        for (int s = 0; s < t.length; s++) {
            ItemRecord[] slab = t[s];
            if (slab == null) {
                continue;
            }
            for (int i = 0; i < slab.length; i++) {
                if (slab[i] != null) {
                    action.visit(s, i, slab[i]);
                }
            }
        }
    }

    /** Visits one record with its slab id and index. */
    @FunctionalInterface
    interface RecordVisitor {
        void visit(int slabId, int index, ItemRecord r);
    }
}
