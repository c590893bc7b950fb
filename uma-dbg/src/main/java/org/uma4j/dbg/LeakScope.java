package org.uma4j.dbg;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

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
 * <p>Threading: counters are atomic; {@link #close()} is called once, by any thread.
 */
public final class LeakScope implements AutoCloseable {
    private final UmaDbg dbg;            // the layer that counts into this scope
    private final String name;           // for reports
    private final boolean allThreads;    // counts every thread's allocations
    private final LeakScope previous;    // restored on close
    private final AtomicLong allocations = new AtomicLong(); // made in the scope
    private final AtomicLong outstanding = new AtomicLong(); // made in the scope and not freed
    private volatile boolean closed;     // set once by close

    LeakScope(UmaDbg dbg, String name, boolean allThreads, LeakScope previous) {
        this.dbg = dbg;
        this.name = name;
        this.allThreads = allThreads;
        this.previous = previous;
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

    /** Returns the number of allocations counted in the scope so far. */
    public long allocations() {
        return allocations.get();
    }

    /** Returns the number of allocations counted in the scope and not freed yet. */
    public long outstanding() {
        return outstanding.get();
    }

    /** Returns true once {@link #close()} has run. */
    public boolean isClosed() {
        return closed;
    }

    void allocated() {
        allocations.incrementAndGet();
        outstanding.incrementAndGet();
    }

    void freed() {
        outstanding.decrementAndGet();
    }

    /**
     * Waits, polling every millisecond, until nothing allocated in the scope is out or the
     * timeout passes: for asynchronous frees on other threads.
     *
     * @return true if nothing is out
     */
    public boolean awaitReleased(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outstanding.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(1_000_000L);
        }
        return true;
    }

    /**
     * Returns a LEAK finding for each allocation of the scope still out, without reporting
     * them; the list is empty when the scope is clean.
     */
    public List<Finding> leaks() {
        return outstanding.get() <= 0 ? List.of() : dbg.leaks().scopeLeaks(this);
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
        if (!leaks.isEmpty()) {
            dbg.findings().reportAll(leaks);
        }
    }

    @Override
    public String toString() {
        return "scope \"" + name + "\" (" + outstanding() + " of " + allocations() + " allocations out)";
    }
}
