package org.uma4j.alloc;

/**
 * Slow-path events of a zone, for statistics and JFR: slab grow and release, limit hits,
 * sleeps and reclaims. Per-item events are {@link ItemObserver}'s.
 *
 * <p>Assumptions and guarantees:
 * <ol>
 *   <li>Methods are called on the thread that caused the event, with no zone or keg lock held.</li>
 *   <li>They must not block and should not allocate from the zone they observe; they may
 *       allocate on the Java heap (these are slow paths).</li>
 *   <li>An exception from an observer propagates to the allocating or freeing caller, after
 *       the zone's own state is consistent; observers should not throw.</li>
 *   <li>Several observers installed on one zone are called in installation order.</li>
 * </ol>
 */
public interface ZoneObserver {

    /**
     * A slab was cut for (grow) or released from the zone's keg.
     *
     * @param zone the zone whose operation caused it
     * @param grow true for a new slab, false for a slab released to the garbage collector
     * @param bytes bytes of item memory in the slab
     * @param items items in the slab
     */
    default void onSlab(Zone<?> zone, boolean grow, long bytes, int items) {
    }

    /**
     * An allocation found the zone at its limit: {@code sleeping} false means a NOWAIT caller
     * was denied (a FAIL), true that a WAITOK caller is about to sleep (a SLEEP).
     *
     * @param zone the zone
     * @param sleeping whether the caller will wait
     */
    default void onLimit(Zone<?> zone, boolean sleeping) {
    }

    /**
     * A WAITOK caller finished waiting at the limit.
     *
     * @param zone the zone
     * @param startNanos {@link System#nanoTime()} when the wait began
     * @param nanos how long it waited
     * @param granted false if it timed out
     */
    default void onSleep(Zone<?> zone, long startNanos, long nanos, boolean granted) {
    }

    /**
     * A reclaim of the zone finished.
     *
     * @param zone the zone
     * @param level what was asked for
     * @param startNanos {@link System#nanoTime()} when it began
     * @param nanos how long it took
     * @param items items given back to the keg
     * @param slabs slabs released to the garbage collector
     */
    default void onReclaim(Zone<?> zone, Reclaim level, long startNanos, long nanos, long items, int slabs) {
    }
}
