package org.uma4j.agent.jmx;

/**
 * A zone as JConsole and JMC show it: {@code vmstat -z}'s columns as attributes, the limit
 * writable, and the reclaim levels as operations.
 *
 * <p>Threading: every method may be called by any JMX thread while the zone is in use; the
 * statistics are read racily.
 */
public interface ZoneMXBean {

    /** @return the zone's name */
    String getName();

    /** @return bytes per item (SIZE) */
    int getSize();

    /** @return the item limit, 0 for none (LIMIT) */
    long getLimit();

    /**
     * Sets the item limit at run time; 0 removes it.
     *
     * @param limit items, &gt;= 0
     */
    void setLimit(long limit);

    /** @return items allocated and not freed (USED) */
    long getUsed();

    /** @return items cached or free in slabs (FREE) */
    long getFree();

    /** @return allocations ever made (REQ) */
    long getRequests();

    /** @return allocations denied at the limit (FAIL) */
    long getFails();

    /** @return allocations that slept at the limit (SLEEP) */
    long getSleeps();

    /** @return slabs in the zone's keg */
    long getSlabs();

    /** @return bytes of item memory in the keg's slabs */
    long getSlabBytes();

    /** @return items in the zone's caches */
    long getCached();

    /** @return the current bucket capacity, in items */
    int getBucketSize();

    /** @return threads waiting at the limit now */
    int getSleepers();

    /**
     * Empties the zone's bucket cache and the caches of ended threads, then releases free slabs.
     *
     * @return items given back to the keg
     */
    long drain();

    /**
     * Trims the bucket cache to its working set, then releases free slabs.
     *
     * @return items given back to the keg
     */
    long reclaim();
}
