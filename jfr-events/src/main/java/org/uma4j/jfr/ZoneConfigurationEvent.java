package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/**
 * One zone's shape: item size, keg layout and slab geometry, limit, refcounting and keg
 * sharing. Written at the start of every chunk, so every recording file, including one that
 * an agent's recording starts after the zones were built, describes the zones it reports on.
 */
@Name(Names.ZONE_CONFIGURATION)
@Label("Zone Configuration")
@Description("A zone's shape: item size, keg layout, slab geometry, limit, refcounting and the keg it shares.")
@Category({"uma4j", "Statistics"})
@Period("beginChunk")
@StackTrace(false)
@Registered(false)
final class ZoneConfigurationEvent extends jdk.jfr.Event {
    @Label("Zone")
    @Description("The zone's name, unique in its registry")
    String zone;

    @Label("Item Size")
    @Description("Bytes per item")
    @DataAmount
    int itemSize;

    @Label("Layout")
    @Description("The keg's memory layout: PACKED (many items per array) or PER_ITEM (one array per item)")
    String layout;

    @Label("Slab Size")
    @Description("Bytes of item memory per slab")
    @DataAmount
    long slabBytes;

    @Label("Items Per Slab")
    @Description("Items one slab is cut into")
    int itemsPerSlab;

    @Label("Limit")
    @Description("Item limit when the chunk began, 0 for none")
    long limit;

    @Label("Refcounted")
    @Description("Whether items may be shared with retain and release")
    boolean refcounted;

    @Label("Primary")
    @Description("Whether the zone is its keg's primary zone; false for a secondary zone")
    boolean primary;

    @Label("Keg")
    @Description("The name of the keg's primary zone: zones with the same keg share its slabs")
    String keg;
}
