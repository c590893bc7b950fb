package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * A WAITOK allocation slept at its zone's limit (a SLEEP in vmstat -z); the event's duration
 * is the wait. Only waits at least as long as the {@code threshold} setting are recorded.
 */
@Name(Names.ALLOCATION_DELAYED)
@Label("Allocation Delayed")
@Description("A WAITOK allocation slept at its zone's item limit until a free (counted as SLEEP); the duration is the wait.")
@Category({"uma4j", "Limits"})
@Threshold("10 ms")
@StackTrace(true)
@Registered(false)
final class AllocationDelayedEvent extends jdk.jfr.Event {
    @Label("Zone")
    @Description("The zone at its limit")
    String zone;

    @Label("Limit")
    @Description("The zone's item limit")
    long limit;

    @Label("Granted")
    @Description("True if an item was granted, false if the wait timed out")
    boolean granted;
}
