package org.uma4j.dbg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The debug layer's side record of one type-stable item: its debug state (uma_dbg's
 * "allocated" bit, widened to the states below) and what is known about its current or last
 * allocation. One record per item, created when the item first enters an instrumented zone.
 *
 * <p>Threading: {@link #state} is read with acquire and written with release. Where a race
 * must have one winner (two racing frees or allocs when STATE is on; a free racing the GC leak
 * report when LEAK is on) it changes by compare-and-set ({@link #advance} with {@code strict});
 * otherwise its owner moves it with a release store, which costs no fence on the paths where
 * no detector can see the race. The other fields belong to whoever owns the item in the
 * allocator's life cycle (the allocating thread from alloc to free, the zone while cached);
 * they are published with the item by the allocator's own hand-offs (bucket cache lock, keg
 * lock) and by the caller's hand-off of the allocation between threads. {@link #scope} and
 * {@link #allocSite} are written before the release store that makes the record ALLOCATED, so
 * a scan that reads ALLOCATED reads the allocation's own scope and site.
 */
final class ItemRecord {
    static final int KEG = 0;        // free in its slab
    static final int CACHED = 1;     // in a zone cache
    static final int ALLOCATED = 2;  // owned by a caller
    static final int FREEING = 3;    // a free passed its checks; dtor and onFreed follow
    static final int HELD = 4;       // in quarantine
    static final int LEAKED = 5;     // its handle was collected while allocated; never reused

    private static final VarHandle STATE; // CAS of state

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ItemRecord.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int identity;              // identityHashCode of the item: tells our item from a foreign one
    private volatile int state;      // see above; changes by CAS
    int allocSite;                   // site id of the current (or last) allocation
    int freeSite;                    // site id of the last free of the current (or last) allocation; 0 if none
    int prevFreeSite;                // site id of the free before the current allocation
    int allocGen = -1;               // item generation at the current allocation
    boolean trashed;                 // the whole item holds trash, written by us and not yet checked
    int guardFrom = -1;              // start of guarded slack for the current allocation; -1 if none
    boolean dupAllocPending;         // a duplicate alloc is being reported: its rollback must not cache the item
    Finding pending;                 // a finding made in onFree, reported in onFreed once the item is placed
    ZoneHooks owner;                 // hooks of the zone of the current allocation
    LeakScope scope;                 // the scope of the current (or last) allocation; null if none. Counts only while ALLOCATED
    LeakRef leakRef;                 // GC tracker of the current allocation's view; null if none
    StackTraceElement[] allocStack;  // null unless stacks are on
    StackTraceElement[] freeStack;   // null unless stacks are on
    private AccessRecord[] records;  // ring of the last N access records; null if none
    private int recordCount;         // records written in this allocation

    ItemRecord(int identity) {
        this.identity = identity;
    }

    int state() {
        return state;
    }

    /** Sets the state with a release store: publishes the fields written before it. */
    void setState(int s) {
        STATE.setRelease(this, s);
    }

    /** CAS of the state; the winner owns the transition. */
    boolean casState(int expect, int update) {
        return STATE.compareAndSet(this, expect, update);
    }

    /**
     * Moves the state from {@code expect} to {@code update}: by CAS if {@code strict} (a racing
     * transition must lose), else by a check and a release store (the owner's own transition;
     * a race goes unseen, as it does with the detectors that would see it switched off).
     *
     * @return false if the state was not {@code expect}; it is then unchanged
     */
    boolean advance(int expect, int update, boolean strict) {
        if (strict) {
            return STATE.compareAndSet(this, expect, update);
        }
        if (state != expect) {
            return false;
        }
        STATE.setRelease(this, update);
        return true;
    }

    /** Starts the books of a new allocation at site {@code at}, keeping {@code n} access records. */
    void begin(int at, int gen, StackTraceElement[] stack, int n) {
        prevFreeSite = freeSite;
        freeSite = 0;
        freeStack = null;
        allocSite = at;
        allocGen = gen;
        allocStack = stack;
        if (n != 0 || records != null) {
            resetRecords(n);
        }
        recordCount = 0;
    }

    /** Starts the access-record ring of a new allocation, keeping {@code n} records. */
    void resetRecords(int n) {
        if (n == 0) {
            records = null;
        } else if (records == null || records.length != n) {
            records = new AccessRecord[n];
        }
        recordCount = 0;
    }

    /** Appends a record, dropping the oldest but the first (the allocation) when full. */
    void record(AccessRecord r) {
        AccessRecord[] rs = records;
        if (rs == null) {
            return;
        }
        if (recordCount < rs.length) {
            rs[recordCount] = r;
        } else {
            // Keep slot 0 (the allocation); rotate the rest.
            int slot = rs.length == 1 ? 0 : 1 + (recordCount - 1) % (rs.length - 1);
            rs[slot] = r;
        }
        recordCount++;
    }

    /** Returns the access records, oldest first. */
    List<AccessRecord> records() {
        AccessRecord[] rs = records;
        List<AccessRecord> out = new ArrayList<>();
        if (rs == null || recordCount == 0) {
            return out;
        }
        if (recordCount <= rs.length) {
            for (int i = 0; i < recordCount; i++) {
                out.add(rs[i]);
            }
            return out;
        }
        out.add(rs[0]);
        int n = rs.length - 1;
        int next = 1 + (recordCount - 1) % n; // the oldest of the rotating part
        for (int i = 0; i < n; i++) {
            out.add(rs[1 + (next - 1 + i) % n]);
        }
        return out;
    }
}
