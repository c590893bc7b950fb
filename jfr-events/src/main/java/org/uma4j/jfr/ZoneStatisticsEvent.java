package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Frequency;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/**
 * One zone's {@code vmstat -z} line, emitted for every zone of the installed registry once
 * per period by {@link PeriodicStats}. Costs nothing per allocation.
 */
@Name(Names.ZONE_STATISTICS)
@Label("Zone Statistics")
@Description("One zone's vmstat -z line: item size, limit, used, free, requests, failures, sleeps, slabs and bytes.")
@Category({"uma4j", "Statistics"})
@Period("10 s")
@StackTrace(false)
@Registered(false)
final class ZoneStatisticsEvent extends jdk.jfr.Event {
    @Label("Zone")
    @Description("The zone's name, unique in its registry")
    String zone;

    @Label("Item Size")
    @Description("Bytes per item (SIZE)")
    @DataAmount
    int itemSize;

    @Label("Limit")
    @Description("Item limit, 0 for none (LIMIT)")
    long limit;

    @Label("Used")
    @Description("Items allocated and not freed (USED)")
    long used;

    @Label("Free")
    @Description("Items cached by the zone, plus items free in the slabs of a primary zone's keg (FREE)")
    long free;

    @Label("Requests")
    @Description("Allocations ever made (REQ)")
    long requests;

    @Label("Failures")
    @Description("NOWAIT allocations denied at the limit, and failed ctors (FAIL)")
    long failures;

    @Label("Sleeps")
    @Description("WAITOK allocations that slept at the limit (SLEEP)")
    long sleeps;

    @Label("Slabs")
    @Description("Slabs in the zone's keg")
    long slabs;

    @Label("Slab Bytes")
    @Description("Bytes of item memory held in the keg's slabs")
    @DataAmount
    long slabBytes;

    @Label("Used Bytes")
    @Description("Bytes held by allocated items: used times item size")
    @DataAmount
    long usedBytes;

    @Label("Cached")
    @Description("Items in the zone's thread caches, bucket cache and debug hold")
    long cached;

    @Label("Keg Free")
    @Description("Items free in the keg's slabs, counted for the primary zone only")
    long kegFree;

    @Label("Bucket Size")
    @Description("Current bucket capacity, in items")
    int bucketSize;

    @Label("Sleepers")
    @Description("Threads waiting at the limit when the statistics were taken")
    int sleepers;

    @Label("Primary")
    @Description("Whether the zone is its keg's primary zone")
    boolean primary;

    @Label("Request Rate")
    @Description("Allocations per second since the zone's previous statistics event")
    @Frequency
    double requestRate;
}
