package org.uma4j.alloc;

/** How much a reclaim gives back (UMA's {@code UMA_RECLAIM_*} requests). */
public enum Reclaim {
    /** Free bucket-cache items above the working-set estimate, then release free slabs. */
    TRIM,
    /** Empty the bucket cache and the caches of ended threads, then release free slabs. */
    DRAIN,
    /**
     * As {@link #DRAIN}, and also empty the calling thread's cache and ask every other live
     * thread to flush its cache at its next trip to the zone.
     */
    DRAIN_CPU
}
