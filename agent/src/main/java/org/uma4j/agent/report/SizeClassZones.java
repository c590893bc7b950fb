package org.uma4j.agent.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.uma4j.agent.account.Accounting;
import org.uma4j.agent.account.CallKind;
import org.uma4j.agent.account.Site;
import org.uma4j.agent.account.SiteRegistry;
import org.uma4j.agent.account.SizeClass;
import org.uma4j.agent.account.SizeClassCounters;
import org.uma4j.jfr.SizeClassStats;

/**
 * The call-site accounting as zones: one row per family ({@code heap}, {@code direct},
 * {@code wrap}) and size class in use, named {@code <family>-<size>}, summed over all sites.
 *
 * <p>Threading: reads counters racily; any thread.
 */
public final class SizeClassZones implements ZoneSource {

    private static final String[] FAMILIES = {"heap", "direct", "wrap"};

    private final SiteRegistry registry; // the sites to sum
    private final Accounting accounting; // live estimates
    private final Map<String, Long> limits; // configured limit.<zone> values, shown as LIMIT

    /**
     * Creates the source.
     *
     * @param registry the sites
     * @param accounting the recorder, for live estimates
     * @param limits configured limits by zone name
     */
    public SizeClassZones(SiteRegistry registry, Accounting accounting, Map<String, Long> limits) {
        this.registry = registry;
        this.accounting = accounting;
        this.limits = limits;
    }

    @Override
    public List<ZoneRow> zones() {
        long[][] sums = new long[FAMILIES.length * SizeClass.COUNT][];
        for (Site site : registry.sites()) {
            if (site.probe() || !site.kind().accounted()) {
                continue; // allocator call sites are counted by the allocator's own zones
            }
            int family = familyIndex(site.kind());
            for (int sc = 0; sc < SizeClass.COUNT; sc++) {
                SizeClassCounters c = site.countersIfUsed(sc);
                if (c == null) {
                    continue;
                }
                long[] s = sums[family * SizeClass.COUNT + sc];
                if (s == null) {
                    s = new long[4];
                    sums[family * SizeClass.COUNT + sc] = s;
                }
                s[0] += c.count();
                s[1] += c.bytes();
                s[2] += accounting.liveCountEstimate(c);
                s[3] += accounting.liveBytesEstimate(c);
            }
        }
        List<ZoneRow> rows = new ArrayList<>();
        for (int i = 0; i < sums.length; i++) {
            long[] s = sums[i];
            if (s == null) {
                continue;
            }
            String family = FAMILIES[i / SizeClass.COUNT];
            long size = SizeClass.upperBound(i % SizeClass.COUNT);
            String name = family + "-" + size;
            rows.add(ZoneRow.of(new SizeClassStats(name, family, size, limits.getOrDefault(name, 0L), s[0], s[1], s[2], s[3])));
        }
        return rows;
    }

    private static int familyIndex(CallKind kind) {
        switch (kind.family()) {
            case "heap":
                return 0;
            case "direct":
                return 1;
            default:
                return 2;
        }
    }
}
