package org.uma4j.jfr;

import java.util.Collection;

/**
 * Supplies the size-class accounts for the periodic {@code org.uma4j.SizeClassStatistics}
 * event; the agent implements it over its call sites. Install it with
 * {@link UmaJfr#sizeClasses(SizeClassSource)}.
 *
 * <pre>{@code
 * UmaJfr.sizeClasses(() -> accounting.sizeClasses());
 * }</pre>
 *
 * <p>Assumptions and guarantees: as {@link CallSiteSource}: called on JFR's periodic thread,
 * never on an allocation path; an exception is caught and that period's events are skipped.
 */
@FunctionalInterface
public interface SizeClassSource {

    /** Returns the current account of every size class in use, in the order the events should be written. */
    Collection<SizeClassStats> snapshot();
}
