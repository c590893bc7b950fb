package org.uma4j.dbg;

import org.uma4j.alloc.DebugHooks;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.Zone;

/**
 * The debug hooks of one zone: uma_dbg's {@code trash_*} and {@code uma_dbg_alloc/free}
 * re-created on {@link ItemRecord}s, plus redzones, generation checks, refcount reports, leak
 * tracking and quarantine. One instance per zone; it learns its zone at the first call.
 *
 * <p>Order on each transition (see {@link DebugHooks}):
 * <ul>
 *   <li>init: trash fill. fini: trash verify.</li>
 *   <li>alloc: poll GC leaks, state CACHED to ALLOCATED (else DUPLICATE_ALLOC), trash verify,
 *       record the allocation (site, stack, scope, GC tracker), guard the slack.</li>
 *   <li>free: classify the handle (FOREIGN, WRONG_ZONE, stale view), state ALLOCATED to
 *       FREEING (else DUPLICATE_FREE), check the guard, record the free.</li>
 *   <li>freed (after the dtor): trash fill, quarantine or cache, then report any redzone
 *       finding, so a throwing policy finds the item already placed.</li>
 * </ul>
 *
 * <p>Threading: called by the allocator on allocating and freeing threads with no lock held.
 * Per-item state changes by CAS on the record when STATE or LEAK is on, else by the owner's
 * release store; see {@link ItemRecord}.
 */
final class ZoneHooks extends DebugHooks {
    private static final ThreadLocal<Item> LAST_STALE = new ThreadLocal<>(); // a stale view just reported here

    private static final int STATE = 1 << Detector.STATE.ordinal(); // in ZoneChecks#mask
    private static final int SCOPE = 1 << Detector.SCOPE.ordinal();
    // A state transition must be a CAS when STATE is on (it reports racing frees and allocs)
    // or LEAK is (its GC report races the free of the same allocation); otherwise the owner's
    // release store is enough, and cheaper (see ItemRecord).
    private static final int STRICT = STATE | 1 << Detector.LEAK.ordinal();

    private final UmaDbg dbg;          // the layer
    private final boolean plainSites;  // no stacks, no site capture, no access records: the site is the caller's id
    private final int accessRecords;   // access records kept per allocation
    private final String name;         // zone name
    private final ZoneChecks checks;   // switches and counters
    private volatile RecordTable table; // the keg's records; set at the first call
    private volatile Zone<?> zone;     // set at the first call
    // Set once a stale use was let go on: until then no free or refcount report needs the
    // thread-local LAST_STALE lookup. Plain: the report and the lookup it guards run on one thread.
    private boolean staleSeen;

    ZoneHooks(UmaDbg dbg, String name) {
        this.dbg = dbg;
        this.name = name;
        this.checks = dbg.zone(name);
        DebugConfig c = dbg.config();
        this.accessRecords = c.accessRecords();
        this.plainSites = !c.stacks() && !c.captureSites() && accessRecords == 0;
    }

    String name() {
        return name;
    }

    Zone<?> boundZone() {
        return zone;
    }

    private RecordTable table(Zone<?> z) {
        RecordTable t = table;
        if (t == null) {
            zone = z;
            t = dbg.bind(z, this);
            table = t;
        }
        return t;
    }

    /**
     * Returns the record of {@code it} (an item, not a view): the one attached to the item, one
     * load; else the keg's table's, attached now. A keg is instrumented by one layer, so the
     * attached record is this layer's.
     */
    private ItemRecord record(Zone<?> z, Item it) {
        Object o = DebugHooks.attached(it);
        if (o instanceof ItemRecord && table != null) { // table: this zone is bound (a secondary zone may meet attached items first)
            return (ItemRecord) o;
        }
        ItemRecord r = table(z).get(it);
        DebugHooks.attach(it, r);
        return r;
    }

    @Override
    public void onInit(Zone<?> z, Item item) {
        ItemRecord r = record(z, item);
        r.setState(ItemRecord.CACHED);
        r.trashed = checks.sample(Detector.TRASH, item);
        if (r.trashed) {
            ItemDescriptor.fillTrash(item.memory(), item.memoryOffset(), item.size());
        }
    }

    @Override
    public void onFini(Zone<?> z, Item item) {
        ItemRecord r = record(z, item);
        Finding f = verifyCached(item, r);
        r.trashed = false;
        r.setState(ItemRecord.KEG);
        if (f == null) {
            return;
        }
        dbg.findings().reportFromFini(f);
    }


    // The three per-item hooks below are kept small (a fast path plus calls to cold methods):
    // C2 inlines a hot callee only below FreqInlineSize (325 bytecodes), and a hook that is not
    // inlined into the zone's alloc or free costs a call and the optimisations across it.

    @Override
    public void onAlloc(Zone<?> z, Item handle, int site) {
        LeakTracker leaks = dbg.leaks();
        leaks.pollQuietly();
        Item it = handle.slot();
        ItemRecord r = record(z, it);
        StackTraceElement[] stack = plainSites ? null : dbg.stackOrNull();
        int at = plainSites ? site : dbg.siteOf(site, stack);
        int on = checks.mask();
        LeakTracker.Binding scoped = (on & SCOPE) != 0 ? leaks.binding() : null;
        LeakScope scope = scoped == null ? null : scoped.scope;
        LeakScope before = r.scope;
        if (before != scope) {
            r.scope = scope; // before the state: a scan that reads ALLOCATED reads this scope
        }
        if (!r.advance(ItemRecord.CACHED, ItemRecord.ALLOCATED, (on & STRICT) != 0) && (on & STATE) != 0) {
            r.scope = before; // the item's first owner keeps its allocation's scope
            duplicateAlloc(handle, r, at);
            return;
        }
        if (scope != null) {
            scoped.counted++; // the owner's plain counter: see LeakScope#allocations
        }
        beginAllocation(handle, it, r, at, stack);
    }

    /** Checks the trash of a new allocation and starts its books. */
    private void beginAllocation(Item handle, Item it, ItemRecord r, int at, StackTraceElement[] stack) {
        Finding f = r.trashed && checks.isEnabled(Detector.TRASH) ? verifyTrash(it, r, at) : null;
        r.trashed = false;
        if (r.owner != this) {
            r.owner = this; // a reference store costs a GC card mark: skip it when unchanged
        }
        r.begin(at, it.generation(), stack, accessRecords);
        if (!plainSites) {
            dbg.record(r, "alloc", null, at, stack);
        }
        r.leakRef = null;
        r.guardFrom = -1;
        if (handle.isView() || handle.length() < it.size()) {
            trackAndGuard(handle, it, r);
        }
        if (f != null) {
            dbg.findings().report(f);
        }
    }

    /** The allocator handed out an item it should not have: someone cached it twice. */
    private void duplicateAlloc(Item handle, ItemRecord r, int at) {
        Finding f = base(FindingKind.DUPLICATE_ALLOC, handle, r, at).build();
        r.dupAllocPending = true;
        dbg.findings().report(f); // under THROW the rollback's onFreed sees and clears dupAllocPending
        r.dupAllocPending = false; // LOG: the item has two owners; the first free wins
    }

    /** GC-tracks a view (LEAK) and guards the slack past the allocation's length (REDZONE). */
    private void trackAndGuard(Item handle, Item it, ItemRecord r) {
        if (handle.isView() && checks.sample(Detector.LEAK, it)) {
            r.leakRef = dbg.leaks().track(handle, this, r);
        }
        int len = handle.length();
        if (len < it.size() && checks.sample(Detector.REDZONE, it)) {
            ItemDescriptor.fillGuard(it.memory(), it.memoryOffset(), len, it.size());
            r.guardFrom = len;
        }
    }

    @Override
    public boolean onFree(Zone<?> z, Item handle, int site) {
        Item it = handle == null ? null : handle.slot();
        if (it == null || staleSeen || it != handle || it.zone() != z || handle.zone() != z) {
            return classifyFree(z, handle, site); // views, foreign and stale handles: the cold path
        }
        if (it.refCnt() > 1) {
            return true; // the allocator refuses frees of shared items itself; state stays
        }
        return endFree(it, it, record(z, it), site);
    }

    /** Frees of any handle: classifies it (FOREIGN, WRONG_ZONE, stale view), then {@link #endFree}. */
    private boolean classifyFree(Zone<?> z, Item handle, int site) {
        if (handle == null) {
            if (!checks.isEnabled(Detector.STATE)) {
                return true; // unchecked: the allocator fails on it by itself
            }
            dbg.findings().report(Finding.builder(FindingKind.FOREIGN).zone(name).detail("null")
                    .sites(dbg.site(dbg.siteOf(site)), Site.UNKNOWN, Site.UNKNOWN).build());
            return false;
        }
        if (staleSeen && LAST_STALE.get() == handle) {
            LAST_STALE.remove(); // the stale use by release() was just reported: refuse quietly
            return false;
        }
        Item it = handle.slot();
        RecordTable t = table(z);
        Zone<?> hz = handle.zone();
        Zone<?> iz = it.zone();
        if (iz == null && !handle.isView()) {
            ItemRecord r = ours(t, it);
            if (r == null) {
                return misdirected(z, handle, site);
            }
            if (!checks.isEnabled(Detector.STATE)) {
                return true; // the allocator refuses it itself
            }
            // Back in its slab: freed, cached, and given back to the keg since.
            dbg.findings().report(base(FindingKind.DUPLICATE_FREE, handle, r, dbg.siteOf(site)).build());
            return false;
        }
        if (hz != z || (iz != null && iz != z)) {
            return misdirected(z, handle, site);
        }
        ItemRecord r = t.get(it);
        if (handle.isView() && handle.generation() != it.generation()) {
            return staleFree(handle, r, site);
        }
        if (iz == z && it.refCnt() > 1) {
            return true; // the allocator refuses frees of shared items itself; state stays
        }
        return endFree(handle, it, r, site);
    }

    /** Ends the allocation of a free that passed the handle checks: state, guard, books. */
    private boolean endFree(Item handle, Item it, ItemRecord r, int site) {
        boolean check = checks.sample(Detector.STATE, it);
        StackTraceElement[] stack = plainSites ? null : dbg.stackOrNull();
        int at = plainSites ? site : dbg.siteOf(site, stack);
        if (!r.advance(ItemRecord.ALLOCATED, ItemRecord.FREEING, (checks.mask() & STRICT) != 0)) {
            if (!check) {
                return true; // unchecked item: the allocator's own checks still apply
            }
            dbg.findings().report(base(FindingKind.DUPLICATE_FREE, handle, r, at).build());
            return false; // refused: the item is never cached twice
        }
        r.pending = r.guardFrom < 0 ? null : checkGuard(it, r, at);
        r.freeSite = at;
        r.freeStack = stack;
        if (!plainSites) {
            dbg.record(r, "free", null, at, stack);
        }
        endAllocation(r);
        return true;
    }

    /** A free whose handle is not this zone's: another zone's item, or no watched item at all. */
    private boolean misdirected(Zone<?> z, Item handle, int site) {
        if (!checks.isEnabled(Detector.STATE)) {
            return true; // unchecked: the allocator refuses it with its own exception
        }
        Item it = handle.slot();
        Zone<?> owner = it.zone() != null ? it.zone() : handle.zone();
        Site at = dbg.site(dbg.siteOf(site));
        if (owner != null && owner != z) {
            ItemRecord r = dbg.recordOf(owner, it);
            Finding.Builder b = Finding.builder(FindingKind.WRONG_ZONE).zone(name).otherZone(owner.name())
                    .item(it.index(), it.slabId()).generations(it.generation(), -1)
                    .sites(at, r == null ? Site.UNKNOWN : dbg.site(r.allocSite), Site.UNKNOWN);
            dbg.findings().report(b.build());
        } else {
            dbg.findings().report(Finding.builder(FindingKind.FOREIGN).zone(name)
                    .detail(handle.getClass().getName() + " (slab " + it.slabId() + ", index " + it.index() + ")")
                    .sites(at, Site.UNKNOWN, Site.UNKNOWN).build());
        }
        return false;
    }

    /** Returns the record of an item resting in its slab if it is this keg's item, else null. */
    private static ItemRecord ours(RecordTable t, Item it) {
        ItemRecord r = t.find(it.slabId(), it.index());
        return r != null && r.identity == System.identityHashCode(it) ? r : null;
    }

    /** A free through a view whose allocation was already freed. */
    private boolean staleFree(Item handle, ItemRecord r, int site) {
        int at = dbg.siteOf(site);
        int gen = handle.generation();
        boolean reused = r.state() == ItemRecord.ALLOCATED && r.allocGen != gen;
        if (!reused && gen == handle.slot().generation() - 1) {
            if (!checks.isEnabled(Detector.STATE)) {
                return true; // unchecked: the allocator refuses it with its own exception
            }
            dbg.findings().report(base(FindingKind.DUPLICATE_FREE, handle, r, at).build());
        } else if (!checks.isEnabled(Detector.STALE)) {
            return true; // unchecked: the allocator refuses it with its own exception
        } else {
            Finding.Builder b = base(FindingKind.STALE_HANDLE, handle, r, at)
                    .detail(reused ? "freed while its item is allocated again" : "freed after its item was reused");
            if (reused && r.allocGen == gen + 1) {
                b.sites(dbg.site(at), Site.UNKNOWN, dbg.site(r.prevFreeSite));
            }
            dbg.findings().report(b.build());
        }
        return false; // refused: freeing would free someone else's allocation
    }

    @Override
    public boolean onFreed(Zone<?> z, Item item) {
        ItemRecord r = record(z, item);
        if (r.dupAllocPending || r.pending != null || r.state() == ItemRecord.ALLOCATED
                || checks.isEnabled(Detector.QUARANTINE)) {
            return freedSlow(z, item, r);
        }
        r.trashed = checks.sample(Detector.TRASH, item);
        if (r.trashed) {
            ItemDescriptor.fillTrash(item.memory(), item.memoryOffset(), item.size());
        }
        r.setState(ItemRecord.CACHED);
        return true;
    }

    /** onFreed with a rollback, a pending finding or a quarantine to serve. */
    private boolean freedSlow(Zone<?> z, Item item, ItemRecord r) {
        if (r.dupAllocPending) {
            r.dupAllocPending = false;
            return false; // the rollback of a duplicate alloc: the item stays with its first owner
        }
        if (r.state() == ItemRecord.ALLOCATED) {
            endAllocation(r); // a failed ctor or a throwing onAlloc: undo the allocation's books
        }
        r.trashed = checks.sample(Detector.TRASH, item);
        if (r.trashed) {
            ItemDescriptor.fillTrash(item.memory(), item.memoryOffset(), item.size());
        }
        Finding f = r.pending;
        r.pending = null;
        boolean held = checks.isEnabled(Detector.QUARANTINE) && dbg.quarantine().hold(z, this, item, r);
        if (!held) {
            r.setState(ItemRecord.CACHED);
        }
        if (f == null) {
            return !held;
        }
        if (!held) {
            z.releaseHeld(item); // place the item before a THROW policy unwinds the free
        }
        dbg.findings().report(f);
        return false;
    }

    @Override
    public void onStale(Zone<?> z, Item view) {
        if (!checks.isEnabled(Detector.STALE)) {
            return;
        }
        ItemRecord r = table(z).get(view.slot());
        int at = dbg.siteOf(0);
        Finding.Builder b = base(FindingKind.STALE_HANDLE, view, r, at).detail("used after its allocation was freed");
        if (r.allocGen != view.generation()) {
            b.sites(dbg.site(at), Site.UNKNOWN, r.allocGen == view.generation() + 1 ? dbg.site(r.prevFreeSite)
                    : Site.UNKNOWN);
        }
        dbg.findings().report(b.build());
        staleSeen = true;
        LAST_STALE.set(view); // only reached when the policy let the access go on
    }

    @Override
    public void onRefcount(Zone<?> z, Item handle, String what, int refs) {
        if (staleSeen && LAST_STALE.get() == handle) {
            LAST_STALE.remove(); // the stale use was just reported by onStale
            return;
        }
        if (!checks.isEnabled(Detector.REFCOUNT)) {
            return;
        }
        ItemRecord r = table(z).get(handle.slot());
        dbg.findings().report(base(FindingKind.REFCOUNT, handle, r, dbg.siteOf(0)).detail(what).refs(refs).build());
    }

    /**
     * Undoes the allocation's books: its GC tracker. Its scope needs nothing: a scope counts
     * only records that are ALLOCATED.
     */
    private void endAllocation(ItemRecord r) {
        LeakRef ref = r.leakRef;
        if (ref != null) {
            ref.clear(); // a cleared reference is never enqueued: no leak report for a freed view
            r.leakRef = null;
        }
    }

    /** Leak found by the GC: retire the item for good (escaped arrays may still write to it). */
    Finding leaked(LeakRef ref) {
        ItemRecord r = ref.record;
        if (r.leakRef != ref || r.allocGen != ref.generation || !r.casState(ItemRecord.ALLOCATED, ItemRecord.LEAKED)) {
            return null;
        }
        r.leakRef = null; // LEAKED: no longer counted by its scope; the GC report replaces the scope's
        checks.addLeaked();
        return Finding.builder(FindingKind.LEAK).zone(name).item(ref.index, ref.slabId)
                .generations(ref.generation, ref.generation).sites(Site.UNKNOWN, dbg.site(r.allocSite), Site.UNKNOWN)
                .detail("whose handle was garbage-collected while allocated").stacks(null, r.allocStack, null)
                .accessRecords(r.records()).build();
    }

    /**
     * Verifies the trash of an item leaving the quarantine, on the thread whose hold pushed it out
     * (or that flushed): a write while it was held is reported now, not only if the item is
     * allocated again before the run ends. Reported without throwing (that thread is not the
     * culprit, as at fini), and filled again, so the next allocation does not report it twice.
     */
    void leavingQuarantine(Item item, ItemRecord r) {
        Finding f = verifyCached(item, r);
        if (f != null) {
            ItemDescriptor.fillTrash(item.memory(), item.memoryOffset(), item.size());
            dbg.findings().reportFromFini(f);
        }
    }

    /** Verifies the trash of an item out of use (at fini, or leaving the quarantine) if it was filled and TRASH is on. */
    private Finding verifyCached(Item item, ItemRecord r) {
        return r.trashed && checks.isEnabled(Detector.TRASH) ? verifyTrash(item, r, 0) : null;
    }

    /** Verifies the item's trash: small, so it inlines into the alloc path; the report is apart. */
    private Finding verifyTrash(Item it, ItemRecord r, int at) {
        int bad = ItemDescriptor.checkTrash(it.memory(), it.memoryOffset(), it.size());
        return bad < 0 ? null : trashFinding(it, r, at, bad);
    }

    private Finding trashFinding(Item it, ItemRecord r, int at, int bad) {
        return TrashHooks.damage(base(FindingKind.MODIFIED_AFTER_FREE, it, r, at), it, bad).build();
    }

    private Finding checkGuard(Item it, ItemRecord r, int at) {
        int from = r.guardFrom;
        r.guardFrom = -1;
        if (from < 0 || !checks.isEnabled(Detector.REDZONE)) {
            return null;
        }
        byte[] a = it.memory();
        int off = it.memoryOffset();
        int bad = ItemDescriptor.checkGuard(a, off, from, it.size());
        if (bad < 0) {
            return null;
        }
        return base(FindingKind.REDZONE_OVERFLOW, it, r, at)
                .damage(bad, ItemDescriptor.wordAt(a, off, bad, it.size()),
                        ItemDescriptor.countModified(a, off, from, it.size(), true))
                .extent(from, it.size()).build();
    }

    /** A builder with the item, generations, sites, stacks and access records filled in. */
    private Finding.Builder base(FindingKind kind, Item handle, ItemRecord r, int at) {
        Item it = handle.slot();
        boolean stacks = dbg.config().stacks();
        return Finding.builder(kind).zone(name).item(it.index(), it.slabId())
                .generations(it.generation(), handle.isView() ? handle.generation() : -1)
                .sites(dbg.site(at), dbg.site(r.allocSite), dbg.site(r.freeSite))
                .stacks(stacks ? dbg.sites().captureStack() : null, r.allocStack, r.freeStack)
                .accessRecords(r.records());
    }
}
