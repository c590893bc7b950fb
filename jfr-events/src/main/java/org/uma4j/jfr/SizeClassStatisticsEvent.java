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
 * One size class's account, summed over the call sites, once per period per class, from the
 * {@link SizeClassSource} installed with {@link UmaJfr#sizeClasses(SizeClassSource)}: the
 * agent's accounting zones ({@code heap-2048}, ...), which have no allocator zone and so no
 * {@code org.uma4j.ZoneStatistics}.
 */
@Name(Names.SIZE_CLASS_STATISTICS)
@Label("Size Class Statistics")
@Description("Buffers, bytes and live estimate of one size class of accounted ByteBuffer calls, over all sites.")
@Category({"uma4j", "Statistics"})
@Period("10 s")
@StackTrace(false)
@Registered(false)
final class SizeClassStatisticsEvent extends jdk.jfr.Event {
    @Label("Zone")
    @Description("The size class as a zone name: family and upper bound, e.g. heap-2048")
    String zone;

    @Label("Family")
    @Description("heap, direct or wrap")
    String family;

    @Label("Size")
    @Description("The size class's upper bound")
    @DataAmount
    long size;

    @Label("Limit")
    @Description("The limit configured for the zone name, 0 for none")
    long limit;

    @Label("Allocations")
    @Description("Buffers accounted in the class")
    long allocations;

    @Label("Bytes")
    @Description("Bytes of those buffers")
    @DataAmount
    long bytes;

    @Label("Live")
    @Description("Estimate of the class's buffers still reachable")
    long live;

    @Label("Live Bytes")
    @Description("Estimate of the class's bytes still reachable")
    @DataAmount
    long liveBytes;
}
