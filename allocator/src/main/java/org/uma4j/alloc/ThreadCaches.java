package org.uma4j.alloc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A platform thread's caches, one per zone, found through one {@code ThreadLocal} lookup and
 * an array index by zone id; and the registry of all of them, so statistics can be folded
 * and the caches of ended threads given back.
 *
 * <p>Virtual threads get the shared {@link #STRIPED} marker instead of caches of their own:
 * there may be millions of them, so they use each zone's bounded set of locked stripes.
 *
 * <p>Threading: {@code caches}, {@code lastFreed} and {@code prevFreed} are written by the owner
 * only. The registry is a concurrent queue; {@link #sweep} runs under {@link #SWEEP_LOCK},
 * adopting the caches of threads that have ended (their last action happens-before
 * {@code isAlive()} returning false).
 */
final class ThreadCaches {
    private static final ZoneCache[] NONE = new ZoneCache[0];
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();
    private static final ConcurrentLinkedQueue<ThreadCaches> ALL = new ConcurrentLinkedQueue<>();
    private static final ReentrantLock SWEEP_LOCK = new ReentrantLock();
    private static final long SWEEP_INTERVAL_NANOS = 100_000_000L;
    private static volatile long nextSweep = System.nanoTime() + SWEEP_INTERVAL_NANOS; // racy: hint

    /** The marker every virtual thread gets: no caches of its own. */
    static final ThreadCaches STRIPED = new ThreadCaches(null);

    static final ThreadLocal<ThreadCaches> CURRENT = ThreadLocal.withInitial(ThreadCaches::forCurrentThread);

    final WeakReference<Thread> owner; // null for STRIPED
    ZoneCache[] caches = NONE;         // by zone id; owner only (read racily by folds)
    ZoneCache lastFreed;               // owner only: the cache this thread last freed to (forFree, Item.freeSole)
    ZoneCache prevFreed;               // owner only: the one before it, when the two differ

    private ThreadCaches(Thread owner) {
        this.owner = owner == null ? null : new WeakReference<>(owner);
    }

    private static ThreadCaches forCurrentThread() {
        Thread t = Thread.currentThread();
        if (isVirtual(t)) {
            return STRIPED;
        }
        ThreadCaches tc = new ThreadCaches(t);
        ALL.add(tc);
        return tc;
    }

    /** Returns the calling thread's cache of {@code zone}: one ThreadLocal lookup and an array index. */
    static ZoneCache of(Zone<?> zone) {
        ThreadCaches tc = CURRENT.get();
        ZoneCache c = tc.slot(zone.id);
        return c != null ? c : tc.slow(zone);
    }

    /**
     * Returns the calling thread's cache of {@code zone} for a free: one of the two caches the
     * thread last freed to when it is {@code zone}'s, else the table's. A free finds its zone
     * through the item ({@code b.release()}, {@code b.free()}), and the table's slot hangs off
     * that load; a remembered cache does not, so the bucket push waits only for a predicted
     * branch, not for the item's zone. Two are remembered so that frees which alternate between
     * two zones, an mbuf and its cluster, still hit. Measured: ≈ 1–1.5 ns off a 2 KiB alloc +
     * free and ≈ 0.4–1.5 ns off a getcl + freem (JDK 17 and 25, benchmarks/HISTORY.md).
     */
    static ZoneCache forFree(Zone<?> zone) {
        ThreadCaches tc = CURRENT.get();
        ZoneCache c = tc.lastFreed;
        if (c != null && c.zone == zone) {
            return c;
        }
        return tc.forFreeMiss(zone);
    }

    /** Returns the calling thread's caches ({@link Item#freeSole} reads {@code lastFreed} itself). */
    static ThreadCaches current() {
        return CURRENT.get();
    }

    /** forFree past a miss on {@code lastFreed}: the cache before it, then the table. */
    ZoneCache forFreeMiss(Zone<?> zone) {
        ZoneCache c = prevFreed;
        if (c != null && c.zone == zone) {
            return c; // no reordering: two zones freed in turn then hit without a store
        }
        c = slot(zone.id); // null for STRIPED, whose table is empty: the shared marker remembers nothing
        if (c != null) {
            prevFreed = lastFreed;
            lastFreed = c;
            return c;
        }
        return slow(zone);
    }

    /** This thread's cache of the zone with id {@code id}, or null if it has none yet. */
    private ZoneCache slot(int id) {
        ZoneCache[] cs = caches;
        return id < cs.length ? cs[id] : null;
    }

    private ZoneCache slow(Zone<?> zone) {
        return this == STRIPED ? zone.stripe() : create(zone);
    }

    /** Returns this thread's cache for {@code zone}, creating it; owner only. */
    ZoneCache create(Zone<?> zone) {
        int id = zone.id;
        if (id >= caches.length) {
            caches = Arrays.copyOf(caches, Math.max(id + 1, caches.length * 2));
        }
        ZoneCache c = new ZoneCache(zone, null);
        caches[id] = c;
        return c;
    }

    /** Calls {@code action} with every live thread's cache of {@code zone}. Racy: for statistics. */
    static void forEach(Zone<?> zone, Consumer<ZoneCache> action) {
        int id = zone.id;
        for (ThreadCaches tc : ALL) {
            ZoneCache[] cs = tc.caches;
            if (id < cs.length && cs[id] != null) {
                action.accept(cs[id]);
            }
        }
    }

    /** Returns the number of platform threads with caches registered (for tests and stats). */
    static int registered() {
        return ALL.size();
    }

    /** Sweeps if the last sweep is older than the interval; cheap enough for slow paths. */
    static void maybeSweep() {
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
            nextSweep = now + SWEEP_INTERVAL_NANOS;
            sweep();
        }
    }

    /** Gives the caches of every ended thread back to their zones. */
    static void sweep() {
        if (!SWEEP_LOCK.tryLock()) {
            return; // another thread is sweeping
        }
        try {
            for (Iterator<ThreadCaches> i = ALL.iterator(); i.hasNext(); ) {
                ThreadCaches tc = i.next();
                Thread t = tc.owner.get();
                if (t == null || !t.isAlive()) {
                    // Adopt before unlisting: a concurrent fold sees the counters in the cache or
                    // in the zone (adopt moves them under the zone's stats lock), never in neither.
                    for (ZoneCache c : tc.caches) {
                        if (c != null) {
                            c.zone.adopt(c);
                        }
                    }
                    tc.caches = NONE;
                    tc.lastFreed = null;
                    tc.prevFreed = null;
                    i.remove();
                }
            }
        } finally {
            SWEEP_LOCK.unlock();
        }
    }

    static boolean isVirtual(Thread t) {
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
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
