package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/** A keg released a free slab to the garbage collector (during a reclaim). */
@Name(Names.SLAB_RELEASE)
@Label("Slab Release")
@Description("A zone's keg released a free slab to the garbage collector.")
@Category({"uma4j", "Slabs"})
@StackTrace(false)
@Registered(false)
final class SlabReleaseEvent extends jdk.jfr.Event {
    @Label("Zone")
    @Description("The zone whose reclaim released the slab")
    String zone;

    @Label("Slab Bytes")
    @Description("Bytes of item memory in the slab")
    @DataAmount
    long bytes;

    @Label("Items")
    @Description("Items the slab held")
    int items;
}
