package org.uma4j.alloc;

import java.util.Collection;
import java.util.Locale;

/**
 * Renders zone statistics the way {@code vmstat -z} does: a header, then one line per zone,
 * {@code name:} and comma-separated SIZE, LIMIT, USED, FREE, REQ, FAIL, SLEEP, then uma4j's
 * SLABS and BYTES (slab bytes).
 *
 * <pre>
 * ITEM                   SIZE  LIMIT     USED     FREE          REQ FAIL SLEEP SLABS      BYTES
 * mbuf:                   256,     0,       4,     252,          10,   0,    0,    1,     65536
 * </pre>
 */
public final class Vmstat {
    private Vmstat() {
    }

    /** Returns the table for {@code stats}, one line per zone, each ending in a newline. */
    public static String render(Collection<ZoneStats> stats) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-22s %6s %8s %8s %8s %12s %6s %6s %6s %12s%n",
                "ITEM", "SIZE", "LIMIT", "USED", "FREE", "REQ", "FAIL", "SLEEP", "SLABS", "BYTES"));
        for (ZoneStats s : stats) {
            sb.append(String.format(Locale.ROOT, "%-22s %6d,%8d,%8d,%8d,%12d,%6d,%6d,%6d,%12d%n",
                    s.name() + ":", s.size(), s.limit(), s.used(), s.free(), s.requests(), s.fails(),
                    s.sleeps(), s.slabs(), s.slabBytes()));
        }
        return sb.toString();
    }
}
