package org.uma4j.agent.report;

import org.uma4j.alloc.ZoneStats;
import org.uma4j.jfr.SizeClassStats;

/**
 * One line of the zone table, in {@code vmstat -z} terms.
 *
 * @param name zone name, for example {@code heap-2048}
 * @param kind {@code heap}, {@code direct} or {@code wrap} for call-site accounting zones,
 *     {@code zone} for the allocator's zones
 * @param size item size in bytes (the size class's upper bound)
 * @param limit item limit, 0 = unlimited
 * @param used items in use (for accounting zones: the live estimate)
 * @param free items cached and free (0 for accounting zones: nothing is cached)
 * @param requests allocations served
 * @param fails allocations refused at the limit
 * @param sleeps allocations that waited at the limit
 * @param bytes bytes requested in total (for allocator zones: requests times size)
 * @param liveBytes bytes estimated still in use
 * @param slabs slabs in the zone's keg (0 for accounting zones)
 * @param slabBytes bytes of item memory in those slabs (0 for accounting zones)
 */
public record ZoneRow(String name, String kind, long size, long limit, long used, long free,
                      long requests, long fails, long sleeps, long bytes, long liveBytes,
                      long slabs, long slabBytes) {

    /**
     * Returns the row of an allocator zone: bytes are requests times the item size, live bytes
     * the bytes of the items allocated now.
     */
    public static ZoneRow of(ZoneStats s) {
        return new ZoneRow(s.name(), "zone", s.size(), s.limit(), s.used(), s.free(), s.requests(), s.fails(),
                s.sleeps(), s.requests() * s.size(), s.usedBytes(), s.slabs(), s.slabBytes());
    }

    /**
     * Returns the row of an accounting zone: the one mapping used both for the JSON report
     * ({@link SizeClassZones}) and for a recording read back ({@link #toSizeClass} reversed).
     *
     * @param s a size class's statistics, as {@code org.uma4j.SizeClassStatistics} carries them
     * @return its row
     */
    public static ZoneRow of(SizeClassStats s) {
        return new ZoneRow(s.zone(), s.family(), s.size(), s.limit(), s.live(), 0, s.allocations(), 0, 0, s.bytes(),
                s.liveBytes(), 0, 0);
    }

    /**
     * Returns this accounting zone's row as the size-class JFR event carries it.
     *
     * @return the statistics: allocations are the requests, the live estimate is the used count
     */
    public SizeClassStats toSizeClass() {
        return new SizeClassStats(name, kind, size, limit, requests, bytes, used, liveBytes);
    }
}
