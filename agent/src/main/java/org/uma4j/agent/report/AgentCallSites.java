package org.uma4j.agent.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.uma4j.agent.account.Accounting;
import org.uma4j.agent.account.Site;
import org.uma4j.agent.account.SiteRegistry;
import org.uma4j.agent.account.SizeClass;
import org.uma4j.agent.account.SizeClassCounters;
import org.uma4j.jfr.CallSiteSource;
import org.uma4j.jfr.CallSiteStats;

/**
 * The agent's {@code ByteBuffer} call sites as the periodic {@code org.uma4j.CallSiteStatistics}
 * JFR event reads them: one account per site, its zone named when it used one size class only.
 *
 * <p>Threading: called on JFR's periodic thread; reads counters racily.
 */
public final class AgentCallSites implements CallSiteSource {

    private final SiteRegistry registry; // the sites
    private final Accounting accounting; // live estimates

    /**
     * Creates the source.
     *
     * @param registry the sites
     * @param accounting the recorder, for live estimates
     */
    public AgentCallSites(SiteRegistry registry, Accounting accounting) {
        this.registry = registry;
        this.accounting = accounting;
    }

    @Override
    public Collection<CallSiteStats> snapshot() {
        List<CallSiteStats> out = new ArrayList<>();
        for (Site s : registry.sites()) {
            if (s.probe() || !s.kind().accounted()) {
                continue;
            }
            long count = 0;
            long bytes = 0;
            long live = 0;
            long liveBytes = 0;
            String zone = null;
            int classes = 0;
            for (int sc = 0; sc < SizeClass.COUNT; sc++) {
                SizeClassCounters c = s.countersIfUsed(sc);
                if (c != null) {
                    classes++;
                    zone = s.kind().family() + "-" + SizeClass.upperBound(sc);
                    count += c.count();
                    bytes += c.bytes();
                    live += accounting.liveCountEstimate(c);
                    liveBytes += accounting.liveBytesEstimate(c);
                }
            }
            out.add(new CallSiteStats(s.id(), s.toString(), classes == 1 ? zone : "", count, bytes, live, liveBytes,
                    s.kind().method()));
        }
        return out;
    }
}
