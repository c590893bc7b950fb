package org.uma4j.jfr;

import java.util.Collection;

/**
 * Supplies the per-call-site accounts for the periodic {@code org.uma4j.CallSiteStatistics}
 * event; the agent implements it over its site table. Install it with
 * {@link UmaJfr#callSites(CallSiteSource)}.
 *
 * <pre>{@code
 * UmaJfr.callSites(() -> siteTable.snapshot());
 * }</pre>
 *
 * <p>Assumptions and guarantees: called on JFR's periodic thread, once per period while the
 * event is enabled, never on an allocation path; it may allocate and take locks but should
 * return within milliseconds; an exception is caught and that period's site events are
 * skipped.
 */
@FunctionalInterface
public interface CallSiteSource {

    /** Returns the current account of every site, in the order the events should be written. */
    Collection<CallSiteStats> snapshot();
}
