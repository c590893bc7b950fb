package org.uma4j.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.uma4j.alloc.ZoneStats;
import org.uma4j.mbuf.MbufStats;

/**
 * Derives {@code netstat -m} from a JSON report (a file or a live JVM's): the mbuf family's
 * six allocator zones, when the application created the family, carry everything the lines
 * need but the family's own count of {@code getcl} calls denied for want of a cluster, which
 * is not in the report (it shows as 0 in "mbuf+clusters" denied beyond the packet zone's FAILs).
 *
 * <p>Threading: stateless.
 */
final class ReportNetstat {
    private static final String[] ZONES = {"mbuf", "packet", "cluster", "jumbop", "jumbo9", "jumbo16"};

    private ReportNetstat() {
    }

    /** Returns the netstat -m lines, or "" when the report has no mbuf family. */
    static String render(JsonNode report) {
        Map<String, ZoneStats> byName = new HashMap<>();
        for (JsonNode z : report.path("zones")) {
            if ("zone".equals(z.path("kind").asText())) {
                byName.put(z.path("name").asText(), stats(z));
            }
        }
        ZoneStats[] s = new ZoneStats[ZONES.length];
        for (int i = 0; i < ZONES.length; i++) {
            s[i] = byName.get(ZONES[i]);
            if (s[i] == null) {
                return "";
            }
        }
        return new MbufStats(s[0], s[1], s[2], s[3], s[4], s[5], 0, 0).render();
    }

    private static ZoneStats stats(JsonNode z) {
        long free = z.path("free").asLong();
        return new ZoneStats(z.path("name").asText(), z.path("size").asInt(), z.path("limit").asLong(),
                z.path("used").asLong(), free, z.path("requests").asLong(), z.path("fails").asLong(),
                z.path("sleeps").asLong(), z.path("slabs").asLong(), z.path("slabBytes").asLong(), free, 0, 0, 0,
                !"packet".equals(z.path("name").asText()));
    }
}
