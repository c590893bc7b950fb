package org.uma4j.dbg;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.uma4j.alloc.Item;

/**
 * A deterministic leak check: every allocation made while the scope is open (on the thread
 * that opened it and on threads it starts afterwards, or on every thread for an all-threads
 * scope) is counted, and closing the scope reports each one still out as a LEAK, with its
 * allocation site. No GC, no sampling: zero false negatives for the code the scope covers.
 *
 * <pre>{@code
 * try (LeakScope scope = dbg.openScope("decoder test")) {
 *     decoder.decode(input);               // must free everything it allocates
 *     scope.awaitReleased(Duration.ofSeconds(5)); // let event loops finish their frees
 * }                                        // LOG: "UMA4J LEAK: ..." lines; THROW: LeakException
 * }</pre>
 *
 * <p>An allocation counts in the innermost scope open where it was made; a scope opened on
 * one thread is inherited by threads created afterwards ({@link InheritableThreadLocal}), as
 * the JUnit extension needs for event loops a test starts.
 *
 * <p>Cost. An all-threads scope costs the allocation path nothing: it snapshots the allocated
 * items and their generations when it opens and compares at close ({@link ZoneWideScan}); it
 * needs no detector, and zones with every detector off get no debug hooks at all. A per-thread
 * scope needs {@link Detector#SCOPE}: an allocation writes its scope into its item record and
 * bumps a plain counter of the allocating thread; a free writes nothing for the scope. Either
 * way, what is still out is found by a scan ({@link #outstanding()}, {@link #leaks()},
 * {@link #close()}), so the allocation path needs no atomic. An allocation made in a per-thread
 * scope inside an all-threads scope counts in the per-thread one only, and one reported by an
 * inner all-threads scope is not reported again by the enclosing one.
 *
 * <p>Threading: {@link #close()} is called once, by any thread. {@link #allocations()} sums
 * per-thread counters racily: exact once the counting threads have handed off (joined, or
 * their work awaited); the scans read each record's state with acquire, so they see the scope
 * its allocation wrote before it became ALLOCATED.
 */
public final class LeakScope implements AutoCloseable {
    private final UmaDbg dbg;            // the layer that counts into this scope
    private final String name;           // for reports
    private final boolean allThreads;    // counts every thread's allocations
    private final LeakScope previous;    // restored on close
    private final Map<Item, Integer> before;   // all-threads scope: allocated items and generations at open; else null
    private final long requestsAtOpen;         // all-threads scope: allocations ever made at open
    private final AtomicLong flushed = new AtomicLong(); // counts of threads that moved on to another scope
    private final Set<LeakTracker.Binding> bindings = Collections.newSetFromMap(new IdentityHashMap<>()); // under itself
    private volatile boolean closed;     // set once by close

    LeakScope(UmaDbg dbg, String name, boolean allThreads, LeakScope previous) {
        this.dbg = dbg;
        this.name = name;
        this.allThreads = allThreads;
        this.previous = previous;
        ZoneWideScan scan = dbg.leaks().zoneWide();
        this.before = allThreads ? scan.snapshot() : null;
        this.requestsAtOpen = allThreads ? scan.requests() : 0;
    }

    /** All-threads scope: the items allocated when it opened, with their generations. */
    Map<Item, Integer> before() {
        return before;
    }

    /** Returns the scope's name. */
    public String name() {
        return name;
    }

    /** Returns true if the scope counts the allocations of every thread. */
    public boolean allThreads() {
        return allThreads;
    }

    LeakScope previous() {
        return previous;
    }

    /** Returns the number of allocations counted in the scope so far (see the class comment). */
    public long allocations() {
        if (allThreads) {
            return dbg.leaks().zoneWide().requests() - requestsAtOpen;
        }
        long n = flushed.get();
        synchronized (bindings) {
            for (LeakTracker.Binding b : bindings) {
                n += b.countedIn(this);
            }
        }
        return n;
    }

    /** Returns the number of allocations counted in the scope and not freed yet (a scan). */
    public long outstanding() {
        return allThreads ? dbg.leaks().zoneWide().count(this) : dbg.leaks().count(r -> r.scope == this);
    }

    /** Returns true once {@link #close()} has run. */
    public boolean isClosed() {
        return closed;
    }

    /** A thread starts counting its allocations in this scope. */
    void register(LeakTracker.Binding b) {
        synchronized (bindings) {
            bindings.add(b);
        }
    }

    /** A thread that counted {@code n} allocations here moves on to another scope. */
    void flush(long n) {
        flushed.addAndGet(n);
    }

    /**
     * Waits until nothing allocated in the scope is out or the timeout passes: for asynchronous
     * frees on other threads. Polls by scanning, first every millisecond, backing off to 50 ms.
     *
     * @return true if nothing is out
     */
    public boolean awaitReleased(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1_000_000L;
        while (outstanding() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, 50_000_000L);
        }
        return true;
    }

    /**
     * Returns a LEAK finding for each allocation of the scope still out, without reporting
     * them; the list is empty when the scope is clean.
     */
    public List<Finding> leaks() {
        return dbg.leaks().scopeLeaks(this);
    }

    /**
     * Closes the scope: stops counting new allocations into it, then reports every allocation
     * still out as a LEAK through the layer's findings (under {@link Policy#THROW}, one
     * {@link LeakException} carrying them all). A second call does nothing.
     *
     * @throws LeakException under {@link Policy#THROW} if allocations are still out
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dbg.leaks().unbind(this);
        List<Finding> leaks = leaks();
        if (allThreads && previous != null && !leaks.isEmpty()) {
            dbg.leaks().zoneWide().handOver(this, previous); // reported here, not again by the enclosing scope
        }
        if (!leaks.isEmpty()) {
            dbg.findings().reportAll(leaks);
        }
    }

    @Override
    public String toString() {
        return "scope \"" + name + "\" (" + outstanding() + " of " + allocations() + " allocations out)";
    }
}
