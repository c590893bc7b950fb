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
 * <p>The allocation path asks {@link #binding()} for the calling thread's scope. The answer is
 * resolved (thread-local, then all-threads scope) only when a scope opened or closed since the
 * thread last asked ({@link #version}); otherwise it is the thread's {@link Binding}, found
 * through a one-entry cache of the last allocating thread, so a single allocating thread pays
 * no thread-local lookup and no atomic. With no scope open, the answer is null after one read.
 *
 * <p>Threading: safe for any thread. The per-thread scope is an {@link InheritableThreadLocal};
 * the all-threads scope, {@link #version} and {@link #open} are volatile, written under this
 * tracker's monitor by open and close; {@link #last} is a racy cache whose entries name their
 * thread (a final field), so a thread only ever uses its own binding. The reference queue is
 * the JDK's own thread-safe queue; scans read records racily (a report, not an invariant).
 */
final class LeakTracker {
    private final UmaDbg dbg;                                          // the layer
    private final ReferenceQueue<Item> queue = new ReferenceQueue<>(); // collected views
    private final InheritableThreadLocal<LeakScope> scope = new InheritableThreadLocal<>(); // per thread
    private final ThreadLocal<Binding> bindings = ThreadLocal.withInitial(Binding::new); // per thread
    private volatile LeakScope globalScope;                            // an open all-threads scope, or null
    private volatile int version;                                      // bumped by every open and close
    private volatile int open;                                         // scopes open now
    private volatile boolean tracking;                                 // a view was ever GC-tracked
    private Binding last;                                              // racy: the last allocating thread's binding
    private final ZoneWideScan zoneWide;                               // all-threads scopes

    /**
     * One thread's answer to "which scope do my allocations count in", valid while its
     * {@link #version} is the tracker's; and its count of allocations in that scope.
     * Owner-written; {@link LeakScope#allocations()} reads {@link #counted} racily.
     */
    static final class Binding {
        final Thread thread = Thread.currentThread(); // the owner: created by ThreadLocal's initial value
        int version = -1;                             // tracker version the scope was resolved at
        LeakScope scope;                              // where allocations count; null if none
        long counted;                                 // allocations counted in scope since it was resolved

        long countedIn(LeakScope s) {
            return scope == s ? counted : 0;
        }
    }

    LeakTracker(UmaDbg dbg) {
        this.dbg = dbg;
        this.zoneWide = new ZoneWideScan(dbg);
    }

    synchronized LeakScope open(String name, boolean allThreads) {
        if (allThreads) {
            LeakScope s = new LeakScope(dbg, name, true, globalScope); // snapshots: no per-item work
            globalScope = s;
            return s;
        }
        LeakScope s = new LeakScope(dbg, name, false, scope.get());
        scope.set(s);
        open++;
        version++; // after the scope is in place: a thread that reads the new version resolves it
        return s;
    }

    ZoneWideScan zoneWide() {
        return zoneWide;
    }

    /**
     * Returns the calling thread's binding, resolved for the current scopes; null when no scope
     * is open anywhere. The caller counts an allocation with {@code b.counted++} when
     * {@code b.scope} is not null.
     */
    Binding binding() {
        if (open == 0) {
            return null;
        }
        int v = version;
        Binding b = last;
        if (b == null || b.thread != Thread.currentThread()) {
            b = bindings.get();
            last = b;
        }
        if (b.version != v) {
            rebind(b, v);
        }
        return b;
    }

    private void rebind(Binding b, int v) {
        LeakScope s = current();
        LeakScope old = b.scope;
        if (old != s) {
            long n = b.counted;
            b.counted = 0;
            b.scope = s;
            if (old != null) {
                old.flush(n);
            }
            if (s != null) {
                s.register(b);
            }
        }
        b.version = v;
    }

    /** Returns the per-thread scope an allocation on this thread counts in, or null (all-threads scopes need no answer). */
    LeakScope current() {
        LeakScope s = scope.get();
        while (s != null && s.isClosed()) {
            s = s.previous(); // a thread started in a scope outlived it: count in the enclosing one
        }
        return s;
    }

    synchronized void unbind(LeakScope s) {
        if (s.allThreads()) {
            if (globalScope == s) {
                globalScope = s.previous();
            }
            return;
        }
        if (scope.get() == s) {
            scope.set(s.previous());
        }
        open--;
        version++; // closed scopes resolve to their enclosing one from now on
    }

    List<Finding> scopeLeaks(LeakScope s) {
        String detail = "still allocated when " + s + " closed";
        if (!s.allThreads()) {
            return outstanding(r -> r.scope == s, detail);
        }
        return zoneWide.leaks(s, detail);
    }

    /** Counts the allocations out now that pass {@code which}: a scan of every record. */
    long count(Predicate<ItemRecord> which) {
        long[] n = {0};
        for (RecordTable t : dbg.tables().values()) {
            t.forEach((slabId, index, r) -> {
                if (r.state() == ItemRecord.ALLOCATED && which.test(r)) {
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
        if (!tracking) {
            tracking = true;
        }
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

    /**
     * Reports collected leaks from an allocation path: logged and delivered, never thrown at the
     * caller. Nothing to poll (one read) until a view was ever tracked.
     */
    void pollQuietly() {
        if (tracking) {
            pollNow();
        }
    }

    private void pollNow() {
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
