package org.uma4j.jfr;

import org.uma4j.mbuf.MbufStats;

/**
 * Supplies the {@code netstat -m} numbers for the periodic {@code org.uma4j.MbufStatistics}
 * event: usually {@code family::stats} of an {@code org.uma4j.mbuf.Mbufs}, installed with
 * {@link UmaJfr#mbufs(org.uma4j.mbuf.Mbufs)} or {@link UmaJfr#mbufs(MbufStatsSource)}.
 *
 * <p>Assumptions and guarantees: called on JFR's periodic thread, once per period while the
 * event is enabled, never on an allocation path; it may allocate; returning null skips the
 * period; an exception is caught and that period's event is skipped.
 */
@FunctionalInterface
public interface MbufStatsSource {

    /** Returns the mbuf family's statistics now, or null if there is none. */
    MbufStats snapshot();
}
