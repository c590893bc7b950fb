package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/** A NOWAIT allocation was denied because its zone was at its limit (a FAIL in vmstat -z). */
@Name(Names.LIMIT_REACHED)
@Label("Zone Limit Reached")
@Description("A NOWAIT allocation was denied because its zone was at its item limit (counted as FAIL).")
@Category({"uma4j", "Limits"})
@StackTrace(true)
@Registered(false)
final class LimitReachedEvent extends jdk.jfr.Event {
    @Label("Zone")
    @Description("The zone at its limit")
    String zone;

    @Label("Limit")
    @Description("The zone's item limit")
    long limit;
}
