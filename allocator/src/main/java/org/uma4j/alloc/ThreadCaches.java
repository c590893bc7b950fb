package org.uma4j.alloc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A platform thread's caches, one per zone; how a thread finds its cache of a zone; and the
 * registry of all of them, so statistics can be folded and the caches of ended threads given
 * back.
 *
 * <p>A thread finds its cache first in the zone's home table ({@code Zone.homes}), UMA's
 * per-CPU cache array with the thread id standing in for {@code curcpu}: the slot at the
 * thread's id, taken when the cache is what the thread finds there ({@code owner} is the
 * thread, an identity compare, so a collision or a stale slot only misses). Otherwise it takes
 * one {@code ThreadLocal} lookup and an array index by zone id, and claims the slot if it is
 * empty. The table's lookup is a few loads off the thread and the zone; the {@code ThreadLocal}
 * one is a chain of about ten dependent loads, and it was the largest part of a 2 KiB alloc +
 * free: with the table that pair takes ≈ 6.5–6.9 ns instead of ≈ 12.6–13.1, and a packet's
 * {@code getcl} + {@code freem} ≈ 7.3–8.1 instead of ≈ 16.6–17.2 (JDK 17 and 25,
 * benchmarks/HISTORY.md).
 *
 * <p>Virtual threads get the shared {@link #STRIPED} marker instead of caches of their own:
 * there may be millions of them, so they use each zone's bounded set of locked stripes, and
 * never take a home slot.
 *
 * <p>Threading: {@code caches} is written by the owner only. A home slot is written racily:
 * claimed by the thread whose cache goes in when it finds the slot empty, cleared by
 * {@link #sweep} once that thread has ended. A thread reads any value safely (a cache's
 * {@code owner} is final) and uses the cache only if it owns it. The registry is a concurrent
 * queue; {@link #sweep} runs under {@link #SWEEP_LOCK}, adopting the caches of threads that
 * have ended (their last action happens-before {@code isAlive()} returning false).
 */
final class ThreadCaches {
    /** Slots in each zone's home table: a power of two, so that threads started together (consecutive ids) get slots of their own. */
    static final int HOMES = homes(Runtime.getRuntime().availableProcessors());
    private static final ZoneCache[] NONE = new ZoneCache[0];
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();
    private static final ConcurrentLinkedQueue<ThreadCaches> ALL = new ConcurrentLinkedQueue<>();
    private static final ReentrantLock SWEEP_LOCK = new ReentrantLock();
    private static final long SWEEP_INTERVAL_NANOS = 100_000_000L;
    private static volatile long nextSweep = System.nanoTime() + SWEEP_INTERVAL_NANOS; // racy: hint

    /** The marker every virtual thread gets: no caches of its own. */
    static final ThreadCaches STRIPED = new ThreadCaches(null);

    static final ThreadLocal<ThreadCaches> CURRENT = ThreadLocal.withInitial(ThreadCaches::forCurrentThread);

    // The owner is held strongly, as each of its caches holds it for the home table's compare:
    // an ended thread's object (its thread locals already cleared by the JDK) stays reachable
    // until the next sweep gives its caches back.
    final Thread owner;                // null for STRIPED
    ZoneCache[] caches = NONE;         // by zone id; owner only (read racily by folds)

    private ThreadCaches(Thread owner) {
        this.owner = owner;
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

    /** Returns the calling thread's cache of {@code zone}: its home slot, else the {@code ThreadLocal} table. */
    static ZoneCache of(Zone<?> zone) {
        Thread t = Thread.currentThread();
        ZoneCache[] hs = zone.homes;
        int i = home(t);
        ZoneCache c = hs[i];
        return c != null && c.owner == t ? c : ofTable(zone, hs, i);
    }

    /** The home slot of thread {@code t}: its id modulo the table's size. */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+
    static int home(Thread t) {
        return (int) t.getId() & (HOMES - 1);
    }

    /** of past a miss on the home slot {@code hs[i]}: the ThreadLocal table, then the claim. */
    private static ZoneCache ofTable(Zone<?> zone, ZoneCache[] hs, int i) {
        ThreadCaches tc = CURRENT.get();
        ZoneCache c = tc.slot(zone.id);
        if (c == null) {
            c = tc.slow(zone);
        }
        if (hs[i] == null && c.owner != null) {
            hs[i] = c; // racy: a thread that loses the race to another finds its cache here
        }
        return c;
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
        ZoneCache c = new ZoneCache(zone, null, owner);
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
                if (!tc.owner.isAlive()) {
                    // Adopt before unlisting: a concurrent fold sees the counters in the cache or
                    // in the zone (adopt moves them under the zone's stats lock), never in neither.
                    int h = home(tc.owner);
                    for (ZoneCache c : tc.caches) {
                        if (c != null) {
                            ZoneCache[] hs = c.zone.homes;
                            if (hs[h] == c) {
                                hs[h] = null; // free for a live thread to claim
                            }
                            c.zone.adopt(c);
                        }
                    }
                    tc.caches = NONE;
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

    /** The home table's size for {@code cpus} processors: the power of two at or above 4 per processor, 16 to 256. */
    static int homes(int cpus) {
        int n = Math.max(16, Math.min(256, 4 * cpus));
        return Integer.highestOneBit(n * 2 - 1);
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
