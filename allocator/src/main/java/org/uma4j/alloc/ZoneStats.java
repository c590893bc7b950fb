package org.uma4j.alloc;

/**
 * One zone's statistics at one moment, as {@code vmstat -z} shows them.
 *
 * @param name the zone's name
 * @param size bytes per item (SIZE)
 * @param limit item limit, 0 for none (LIMIT)
 * @param used items allocated and not freed: allocs − frees (USED)
 * @param free items cached by the zone plus, for a keg's primary zone, items free in its slabs (FREE)
 * @param requests allocations ever made (REQ)
 * @param fails NOWAIT allocations denied at the limit, and failed ctors (FAIL)
 * @param sleeps WAITOK allocations that slept at the limit (SLEEP)
 * @param slabs slabs in the zone's keg
 * @param slabBytes bytes of item memory in the keg's slabs (pool-held)
 * @param cached items in the zone's thread caches, bucket cache and debug hold
 * @param kegFree items free in the keg's slabs, counted for the primary zone only
 * @param bucketSize current bucket capacity, in items
 * @param sleepers threads waiting at the limit now
 * @param primary whether the zone is its keg's primary zone
 */
public record ZoneStats(String name, int size, long limit, long used, long free, long requests, long fails,
        long sleeps, long slabs, long slabBytes, long cached, long kegFree, int bucketSize, int sleepers,
        boolean primary) {

    /** Returns the bytes held by allocated items (item-held, as opposed to {@link #slabBytes()}). */
    public long usedBytes() {
        return used * size;
    }
}
