package org.uma4j.dbg;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.uma4j.alloc.Item;

/**
 * The leak side of a debug layer: which {@link LeakScope} an allocation counts in, the
 * reference queue of GC-tracked views, and the scans of item records that list allocations
 * still out.
 *
 * <p>Threading: safe for any thread. The per-thread scope is an {@link InheritableThreadLocal};
 * the all-threads scope is a volatile field written by open and close; the reference queue is
 * the JDK's own thread-safe queue; scans read records racily (a report, not an invariant).
 */
final class LeakTracker {
    private final UmaDbg dbg;                                          // the layer
    private final ReferenceQueue<Item> queue = new ReferenceQueue<>(); // collected views
    private final InheritableThreadLocal<LeakScope> scope = new InheritableThreadLocal<>(); // per thread
    private volatile LeakScope globalScope;                            // an open all-threads scope, or null

    LeakTracker(UmaDbg dbg) {
        this.dbg = dbg;
    }

    LeakScope open(String name, boolean allThreads) {
        if (allThreads) {
            LeakScope s = new LeakScope(dbg, name, true, globalScope);
            globalScope = s;
            return s;
        }
        LeakScope s = new LeakScope(dbg, name, false, scope.get());
        scope.set(s);
        return s;
    }

    /** Returns the scope an allocation on this thread counts in, or null. */
    LeakScope current() {
        LeakScope s = scope.get();
        while (s != null && s.isClosed()) {
            s = s.previous(); // a thread started in a scope outlived it: count in the enclosing one
        }
        if (s == null) {
            s = globalScope;
            while (s != null && s.isClosed()) {
                s = s.previous();
            }
        }
        return s;
    }

    void unbind(LeakScope s) {
        if (s.allThreads()) {
            if (globalScope == s) {
                globalScope = s.previous();
            }
        } else if (scope.get() == s) {
            scope.set(s.previous());
        }
    }

    List<Finding> scopeLeaks(LeakScope s) {
        return outstanding(r -> r.scope == s, "still allocated when " + s + " closed");
    }

    long countOutstanding(String zoneName) {
        long[] n = {0};
        for (RecordTable t : dbg.tables().values()) {
            t.forEach((slabId, index, r) -> {
                if (r.state() == ItemRecord.ALLOCATED && r.owner != null && r.owner.name().equals(zoneName)) {
                    n[0]++;
                }
            });
        }
        return n[0];
    }

    /** Returns an unreported LEAK finding for every allocation out now that passes {@code which}. */
    List<Finding> outstanding(Predicate<ItemRecord> which, String detail) {
        List<Finding> out = new ArrayList<>();
        for (RecordTable t : dbg.tables().values()) {
            t.forEach((slabId, index, r) -> {
                if (r.state() == ItemRecord.ALLOCATED && which.test(r)) {
                    out.add(Finding.builder(FindingKind.LEAK).zone(r.owner == null ? "-" : r.owner.name())
                            .item(index, slabId).generations(r.allocGen, -1)
                            .sites(Site.UNKNOWN, dbg.site(r.allocSite), Site.UNKNOWN).detail(detail)
                            .stacks(null, r.allocStack, null).accessRecords(r.records()).build());
                }
            });
        }
        return out;
    }

    LeakRef track(Item view, ZoneHooks h, ItemRecord r) {
        return new LeakRef(view, queue, h, r);
    }

    /** Returns the leaks among the views collected so far, retiring their items. */
    List<Finding> poll() {
        List<Finding> out = new ArrayList<>();
        for (Reference<? extends Item> ref; (ref = queue.poll()) != null;) {
            add(out, ref);
        }
        return out;
    }

    /** Runs the GC until two quiet rounds or the timeout, and returns the leaks it revealed. */
    List<Finding> collect(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Finding> out = new ArrayList<>();
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() - deadline < 0) {
            System.gc();
            Reference<? extends Item> ref = queue.remove(20);
            if (ref == null) {
                quiet++;
                continue;
            }
            quiet = 0;
            for (; ref != null; ref = queue.poll()) {
                add(out, ref);
            }
        }
        return out;
    }

    /** Reports collected leaks from an allocation path: logged and delivered, never thrown at the caller. */
    void pollQuietly() {
        for (Reference<? extends Item> ref; (ref = queue.poll()) != null;) {
            Finding f = ((LeakRef) ref).hooks.leaked((LeakRef) ref);
            if (f == null) {
                continue;
            }
            if (dbg.findings().policy(FindingKind.LEAK) == Policy.THROW) {
                dbg.findings().reportQuietly(f);
            } else {
                dbg.findings().report(f);
            }
        }
    }

    private static void add(List<Finding> out, Reference<? extends Item> ref) {
        Finding f = ((LeakRef) ref).hooks.leaked((LeakRef) ref);
        if (f != null) {
            out.add(f);
        }
    }
}
