package org.uma4j.agent.account;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.uma4j.agent.bridge.SiteCell;

/**
 * The call counts of one {@link SiteRegistry}, kept per platform thread so that accounting a
 * call costs no atomic instruction: each thread adds to its own {@link ThreadCounts}, indexed
 * by site id and size class, and readers (report, JMX, JFR, {@code umastat}) fold them. A
 * thread finds its counts in a table indexed by its id ({@link #current()}: a load and an owner
 * check, cheaper than a {@code ThreadLocal} lookup), else through a {@code ThreadLocal}. The allocator counts per thread the same way
 * ({@code org.uma4j.alloc.ThreadCaches}); JaCoCo's probe arrays are plain stores read racily too.
 *
 * <p>A site's owner thread (usually its only caller) counts it in the site's {@link SiteCell}
 * instead, and each other platform thread in a stripe of that cell if it could claim one; the
 * bridge adds to them itself ({@link #addOwned} takes the calls it leaves over). The folds add
 * those rows once, and a sweep never adopts them but releases the cells of ended owners. The
 * rows here are left for threads whose stripe another live thread holds.
 *
 * <p>Virtual threads get the shared {@link ThreadCounts#SHARED} marker instead: there may be
 * millions of them, so they add to their size class's striped adders
 * ({@link SizeClassCounters#sharedCount}), as every thread did before.
 *
 * <p>Threading: {@link #add} is called by the thread that owns the {@link ThreadCounts} it is
 * given. {@link #count}, {@link #bytes} and {@link #sweep} may be called by any thread; they hold
 * {@link #lock}, and so does registering a thread.
 */
final class PerThreadCounts {

    private static final long SWEEP_INTERVAL_NANOS = 100_000_000L; // ended threads are adopted this often at most
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle(); // null before JDK 21
    private static final int BY_ID_SLOTS = 4096; // a power of two; a thread's slot is its id modulo this

    private final SiteRegistry registry; // sites by id, for their size classes' counters
    private final ThreadLocal<ThreadCounts> current = ThreadLocal.withInitial(this::register); // per thread
    private final ThreadCounts[] byId = new ThreadCounts[BY_ID_SLOTS]; // racy: by thread id, see current()
    private final ReentrantLock lock = new ReentrantLock(); // orders folds with adoptions and registrations
    private final List<ThreadCounts> threads = new ArrayList<>(); // not yet adopted; guarded by lock
    private long nextSweep = System.nanoTime() + SWEEP_INTERVAL_NANOS; // guarded by lock

    PerThreadCounts(SiteRegistry registry) {
        this.registry = registry;
    }

    /** @return the calling thread's counts: its own, or {@link ThreadCounts#SHARED} for a virtual thread */
    ThreadCounts current() {
        Thread me = Thread.currentThread();
        // Racy read: the slot may hold another thread's counts or none; the owner check decides.
        ThreadCounts t = byId[slotOf(me)];
        return t != null && t.owner == me ? t : currentSlow(me);
    }

    // The thread has no slot of its own: found through the ThreadLocal (registered on first use),
    // then given the slot if it is free or its owner has ended.
    private ThreadCounts currentSlow(Thread me) {
        ThreadCounts t = current.get();
        if (t.owner != null) {
            int i = slotOf(me);
            ThreadCounts held = byId[i];
            if (held == null || !held.owner.isAlive()) {
                // Racy write: two threads may claim the slot at once; the one overwritten keeps
                // finding its counts here, through the ThreadLocal. t.owner is final, so a thread
                // that reads t from the slot sees its owner.
                byId[i] = t;
            }
        }
        return t;
    }

    private static int slotOf(Thread t) {
        // Thread ids are handed out in sequence, so live threads rarely share a slot.
        return (int) t.getId() & (BY_ID_SLOTS - 1);
    }

    /**
     * Counts one buffer of a site. Called by the owner of {@code t} only.
     *
     * @param t the calling thread's counts, from {@link #current()}
     * @param siteId the site's id
     * @param size the buffer's bytes
     * @return true if the buffer was counted in {@code t}'s own counters; false if it went to the
     *     virtual threads' shared adders, or no site has that id (nothing counted)
     */
    boolean add(ThreadCounts t, int siteId, int size) {
        int slot = ThreadCounts.countSlot(SizeClass.of(size));
        long[][] rows = t.bySite;
        long[] row;
        if (siteId < 0 || siteId >= rows.length || (row = rows[siteId]) == null || slot >= row.length) {
            return addSlow(t, siteId, slot, size);
        }
        long n = row[slot];
        if (n == 0) {
            firstInClass(siteId, slot);
        }
        row[slot] = n + 1;
        row[slot + 1] += size;
        return true;
    }

    /** Whether {@code t} has a row for site {@code siteId}: it has counted there itself. Called by the owner of {@code t}. */
    boolean hasRow(ThreadCounts t, int siteId) {
        long[][] rows = t.bySite;
        return siteId >= 0 && siteId < rows.length && rows[siteId] != null;
    }

    /**
     * Counts one buffer of a site in an owned cell's row (the site's cell or one of its stripes),
     * growing the row for a new size class. Called by the cell's owner only (after
     * {@code SiteCell.claim}), for the calls the bridge left to the recorder: the first of a size
     * class there, and the claiming call.
     *
     * @param site the site
     * @param cell the site's cell or a stripe of it, owned by the calling thread
     * @param size the buffer's bytes
     * @return the cell's row, for its sampling countdown
     */
    long[] addOwned(Site site, SiteCell cell, int size) {
        int slot = SiteCell.slot(size);
        long[] row = cell.row;
        if (slot + 1 >= row.length) {
            // A reader may still hold the old row: it misses the calls since, as any racy read may.
            row = Arrays.copyOf(row, slot + 2);
            cell.row = row;
        }
        if (row[slot] == 0) {
            site.counters((slot - SiteCell.FIRST) >> 1); // exists before the first count, as firstInClass
        }
        row[slot]++;
        row[slot + 1] += size;
        return row;
    }

    // A new row or a longer one, a virtual thread, or an unknown site id.
    private boolean addSlow(ThreadCounts t, int siteId, int slot, int size) {
        Site site = registry.site(siteId);
        if (site == null) {
            return false;
        }
        if (t.owner == null) {
            SizeClassCounters c = site.counters(slot >> 1);
            c.sharedCount.increment();
            c.sharedBytes.add(size);
            return false;
        }
        long[][] rows = t.bySite;
        if (siteId >= rows.length) {
            rows = Arrays.copyOf(rows, Math.max(siteId + 1, 2 * rows.length));
        }
        // A reader may still hold the old row: it misses the calls since, as any racy read may.
        long[] row = rows[siteId] == null ? new long[slot + 2] : Arrays.copyOf(rows[siteId], slot + 2);
        rows[siteId] = row;
        t.bySite = rows;
        if (row[slot] == 0) {
            firstInClass(siteId, slot);
        }
        row[slot]++;
        row[slot + 1] += size;
        return true;
    }

    // The class's counters exist before its first count is stored, so readers that list the used
    // classes (Site.countersIfUsed) find every count, and adoption has counters to move it to.
    private void firstInClass(int siteId, int slot) {
        registry.site(siteId).counters(slot >> 1);
    }

    /**
     * Sums the buffers of one site and size class over the threads, ended ones included.
     *
     * @param c the class's counters
     * @return the count kept per thread (the virtual threads' shared count excluded)
     */
    long count(SizeClassCounters c) {
        return fold(c, 0);
    }

    /**
     * Sums the bytes of one site and size class over the threads, ended ones included.
     *
     * @param c the class's counters
     * @return the bytes kept per thread (the virtual threads' shared bytes excluded)
     */
    long bytes(SizeClassCounters c) {
        return fold(c, 1);
    }

    private long fold(SizeClassCounters c, int offset) {
        int slot = ThreadCounts.countSlot(c.sizeClass) + offset;
        lock.lock();
        try {
            sweepIfDue();
            long sum = offset == 0 ? c.adoptedCount : c.adoptedBytes;
            // The rows of the site's cell and stripes: never adopted, so counted here once, owners ended or not.
            sum += registry.site(c.site).sumOwned(SiteCell.FIRST + 2 * c.sizeClass + offset);
            for (ThreadCounts t : threads) {
                long[][] rows = t.bySite; // racy: plain fields the owner writes, a statistic
                long[] row = c.site < rows.length ? rows[c.site] : null;
                if (row != null && slot < row.length) {
                    sum += row[slot];
                }
            }
            return sum;
        } finally {
            lock.unlock();
        }
    }

    /** Adopts the counts of every thread that has ended and unlists it. */
    void sweep() {
        lock.lock();
        try {
            sweepLocked();
        } finally {
            lock.unlock();
        }
    }

    /** @return threads with counts of their own not yet adopted (for tests) */
    int registered() {
        lock.lock();
        try {
            return threads.size();
        } finally {
            lock.unlock();
        }
    }

    private ThreadCounts register() {
        Thread owner = Thread.currentThread();
        if (isVirtual(owner)) {
            return ThreadCounts.SHARED;
        }
        ThreadCounts t = new ThreadCounts(owner);
        lock.lock();
        try {
            sweepIfDue();
            threads.add(t);
        } finally {
            lock.unlock();
        }
        return t;
    }

    /** Sweeps if the last sweep is older than the interval. Needs {@link #lock}. */
    private void sweepIfDue() {
        assert lock.isHeldByCurrentThread() : "sweepIfDue without the lock";
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
            nextSweep = now + SWEEP_INTERVAL_NANOS;
            sweepLocked();
        }
    }

    /** Moves each ended thread's counts to its classes' adopted counts. Needs {@link #lock}. */
    private void sweepLocked() {
        assert lock.isHeldByCurrentThread() : "sweep without the lock";
        for (Site site : registry.sites()) {
            site.releaseEnded(); // the next caller claims a released cell and counts on in the same row
        }
        for (Iterator<ThreadCounts> i = threads.iterator(); i.hasNext(); ) {
            ThreadCounts t = i.next();
            // The owner's last store happens-before isAlive() returning false: the rows are final.
            if (t.owner.isAlive()) {
                continue;
            }
            long[][] rows = t.bySite;
            for (int siteId = 0; siteId < rows.length; siteId++) {
                long[] row = rows[siteId];
                for (int slot = 0; row != null && slot < row.length; slot += 2) {
                    if (row[slot] != 0) {
                        // Exists: created before the row's first count in this class (firstInClass).
                        SizeClassCounters c = registry.site(siteId).countersIfUsed(slot >> 1);
                        c.adoptedCount += row[slot];
                        c.adoptedBytes += row[slot + 1];
                    }
                }
            }
            // Adopted and unlisted under the lock: a fold sees these counts once, here or there.
            i.remove();
            int slot = slotOf(t.owner);
            if (byId[slot] == t) {
                byId[slot] = null; // racy: a claim of the slot in between is lost, and made again
            }
        }
    }

    private static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {
            // Thread.isVirtual() exists from JDK 21; on 17 every thread is a platform thread.
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
