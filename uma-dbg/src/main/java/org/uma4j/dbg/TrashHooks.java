package org.uma4j.dbg;

import org.uma4j.alloc.DebugHooks;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.Zone;

/**
 * The debug hooks of a zone where TRASH is the only detector on: uma_dbg's {@code trash_ctor}
 * and {@code trash_dtor} and nothing else, so the cost over the plain allocator is the fill
 * and the compare plus a few plain stores. {@link ZoneHooks} would add the bookkeeping every
 * other detector needs (item state, scope, guard, leak tracker), which costs more than the
 * trash itself on small items. {@link UmaDbg} picks these hooks when the zone is built.
 *
 * <p>On each transition (see {@link DebugHooks}):
 * <ul>
 *   <li>init and freed (after the dtor): fill the item with trash if TRASH samples it.</li>
 *   <li>alloc (before the ctor): verify the trash of an item we filled; on damage report
 *       MODIFIED_AFTER_FREE naming the previous allocation's site and its free's site.</li>
 *   <li>free: note the site of a free the allocator will accept, for that report.</li>
 *   <li>fini: verify, and report without throwing (fini runs inside reclaim or a spill).</li>
 * </ul>
 *
 * <p>Assumptions and guarantees:
 * <ol>
 *   <li>The zone was built with TRASH alone, no stacks, no caller frames and no access
 *       records. Switching another detector on later does not reach this zone (its hooks are
 *       final); it applies to zones built afterwards.</li>
 *   <li>Switching TRASH off stops the fill and the verify at the next item; an item filled
 *       before is verified only while TRASH is on, and an item freed while it was off is never
 *       verified, so switching it back on misreports nothing.</li>
 *   <li>The fill decision is kept per item ({@link TrashRecord#trashed}): a divisor changed
 *       between fill and verify cannot make an unfilled item look damaged.</li>
 *   <li>Duplicate, stale and misdirected frees are the allocator's to refuse (it throws); they
 *       leave the recorded free site alone, and all-threads leak scopes work from the
 *       allocator's own item state ({@link ZoneWideScan}).</li>
 * </ol>
 *
 * <p>Threading: called by the allocator on allocating and freeing threads with no lock held.
 * The per-item record is owner-written (see {@link TrashRecord}); two racing frees of one
 * item (a caller bug the allocator may not see without STATE) may race on its free site: a
 * benign race on a report field.
 */
final class TrashHooks extends DebugHooks {
    private final UmaDbg dbg;         // the layer: findings, sites, all-threads scans
    private final String name;        // zone name
    private final ZoneChecks checks;  // switches, divisor and counters
    // Set at the first init: the keg is bound for all-threads leak scopes. Racy: binding twice
    // is harmless (a set add), and init is a slow path.
    private boolean bound;

    TrashHooks(UmaDbg dbg, String name) {
        this.dbg = dbg;
        this.name = name;
        this.checks = dbg.zone(name);
    }

    @Override
    public void onInit(Zone<?> z, Item item) {
        if (!bound) {
            bound = true;
            dbg.leaks().zoneWide().bind(z.keg());
        }
        fill(item, record(item));
    }

    @Override
    public void onFini(Zone<?> z, Item item) {
        Object o = DebugHooks.attached(item);
        if (!(o instanceof TrashRecord)) {
            return; // never initialised here: nothing of ours to verify
        }
        TrashRecord r = (TrashRecord) o;
        boolean verify = r.trashed && checks.isEnabled(Detector.TRASH);
        r.trashed = false;
        int bad = verify ? ItemDescriptor.checkTrash(item.memory(), item.memoryOffset(), item.size()) : -1;
        if (bad < 0) {
            return;
        }
        Finding f = modifiedAfterFree(item, r, 0, bad);
        dbg.findings().reportFromFini(f);
    }

    @Override
    public void onAlloc(Zone<?> z, Item handle, int site) {
        Item it = handle.slot();
        TrashRecord r = record(it);
        // trashed first: an item we did not fill costs no volatile read of the switches.
        if (r.trashed && checks.isEnabled(Detector.TRASH)) {
            int bad = ItemDescriptor.checkTrash(it.memory(), it.memoryOffset(), it.size());
            if (bad >= 0) {
                damaged(it, r, site, bad);
                return;
            }
        }
        r.allocSite = site;
    }

    /** Reports trash damage found on alloc: the finding names the previous allocation, then this one starts. */
    private void damaged(Item it, TrashRecord r, int site, int bad) {
        Finding f = modifiedAfterFree(it, r, site, bad);
        r.allocSite = site;
        // A THROW unwinds into the allocator, which gives the item back through onFreed: it is
        // filled again there, so the damage is reported once.
        dbg.findings().report(f);
    }

    @Override
    public boolean onFree(Zone<?> z, Item handle, int site) {
        // Only a free of a live allocation notes its site: the allocator throws on a duplicate
        // or stale free, which must not replace the site of the free that cached the item. A
        // free it refuses for another reason (a shared item, the wrong zone) leaves the item
        // allocated, and the item's real free notes the site again.
        if (handle != null && handle.isAllocated()) {
            Object o = DebugHooks.attached(handle.slot());
            if (o instanceof TrashRecord) {
                ((TrashRecord) o).freeSite = site;
            }
        }
        return true; // the allocator's own checks decide
    }

    @Override
    public boolean onFreed(Zone<?> z, Item item) {
        fill(item, record(item)); // after the dtor: its last write is covered
        return true;
    }

    /** Fills the item with trash if TRASH is on and samples it, and notes the decision. */
    private void fill(Item item, TrashRecord r) {
        boolean t = checks.sample(Detector.TRASH, item);
        r.trashed = t;
        if (t) {
            ItemDescriptor.fillTrash(item.memory(), item.memoryOffset(), item.size());
        }
    }

    /**
     * Returns the record attached to {@code it} (an item, not a view): one load and a type
     * check. A record of another kind is a secondary zone's on the same keg with other hooks;
     * the item then entered this zone by init, which attaches a fresh record.
     */
    private static TrashRecord record(Item it) {
        Object o = DebugHooks.attached(it);
        return o instanceof TrashRecord ? (TrashRecord) o : attachNew(it);
    }

    private static TrashRecord attachNew(Item it) {
        TrashRecord r = new TrashRecord();
        DebugHooks.attach(it, r);
        return r;
    }

    private Finding modifiedAfterFree(Item it, TrashRecord r, int at, int bad) {
        Finding.Builder b = Finding.builder(FindingKind.MODIFIED_AFTER_FREE).zone(name).item(it.index(), it.slabId())
                .generations(it.generation(), -1).sites(dbg.site(at), dbg.site(r.allocSite), dbg.site(r.freeSite));
        return damage(b, it, bad).build();
    }

    /**
     * Adds the trash damage of {@code it} (an item, not a view) to a MODIFIED_AFTER_FREE finding:
     * the first bad offset {@code bad}, the aligned word holding it, the count of modified bytes,
     * and the allocation's length and the item's size. Shared with {@link ZoneHooks}.
     */
    static Finding.Builder damage(Finding.Builder b, Item it, int bad) {
        byte[] a = it.memory();
        int off = it.memoryOffset();
        return b.damage(bad, ItemDescriptor.wordAt(a, off, bad, it.size()),
                        ItemDescriptor.countModified(a, off, 0, it.size(), false))
                .extent(it.length(), it.size());
    }
}
