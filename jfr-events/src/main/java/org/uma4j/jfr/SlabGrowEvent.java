package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/** A keg cut a new slab for a zone: one backing allocation on the Java heap. */
@Name(Names.SLAB_GROW)
@Label("Slab Grow")
@Description("A zone's keg cut a new slab into items: one backing allocation on the Java heap.")
@Category({"uma4j", "Slabs"})
@StackTrace(false)
@Registered(false)
final class SlabGrowEvent extends jdk.jfr.Event {
    @Label("Zone")
    @Description("The zone whose allocation needed the slab")
    String zone;

    @Label("Slab Bytes")
    @Description("Bytes of item memory in the slab")
    @DataAmount
    long bytes;

    @Label("Items")
    @Description("Items the slab was cut into")
    int items;
}
