package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A reclaim of one zone finished: cached items given back to the keg and free slabs released.
 * The allocator reports a reclaim only when it ends, so the time it took is the
 * {@code reclaimTime} field, not the event's own duration.
 */
@Name(Names.RECLAIM)
@Label("Zone Reclaim")
@Description("A reclaim of a zone finished: cached items went back to the keg and free slabs were released.")
@Category({"uma4j", "Reclaim"})
@StackTrace(false)
@Registered(false)
final class ReclaimEvent extends jdk.jfr.Event {
    @Label("Zone")
    @Description("The zone reclaimed")
    String zone;

    @Label("Level")
    @Description("What was asked for: TRIM, DRAIN or DRAIN_CPU")
    String level;

    @Label("Reclaim Time")
    @Description("How long the reclaim took")
    @Timespan(Timespan.NANOSECONDS)
    long reclaimTime;

    @Label("Items")
    @Description("Cached items given back to the keg")
    long items;

    @Label("Slabs")
    @Description("Free slabs released to the garbage collector")
    int slabs;
}
