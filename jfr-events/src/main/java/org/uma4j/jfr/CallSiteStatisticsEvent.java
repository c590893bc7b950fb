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
 * One call site's allocation account, once per period per site, from the
 * {@link CallSiteSource} installed with {@link UmaJfr#callSites(CallSiteSource)}.
 */
@Name(Names.CALL_SITE_STATISTICS)
@Label("Call Site Statistics")
@Description("Allocations, bytes and live estimate of one call site that the agent accounts.")
@Category({"uma4j", "Statistics"})
@Period("10 s")
@StackTrace(false)
@Registered(false)
final class CallSiteStatisticsEvent extends jdk.jfr.Event {
    @Label("Site")
    @Description("The call-site id that allocations carry")
    int site;

    @Label("Location")
    @Description("Where the site is: class, method, file and line")
    String location;

    @Label("Call")
    @Description("The call made at the site: allocate, allocateDirect or wrap; empty if not known")
    String call;

    @Label("Zone")
    @Description("The zone (size class) the site allocates from, empty if several")
    String zone;

    @Label("Allocations")
    @Description("Allocations made at the site")
    long allocations;

    @Label("Bytes")
    @Description("Bytes allocated at the site")
    @DataAmount
    long bytes;

    @Label("Live")
    @Description("Estimate of the site's allocations not yet freed")
    long live;

    @Label("Live Bytes")
    @Description("Estimate of the site's bytes not yet freed")
    @DataAmount
    long liveBytes;
}
