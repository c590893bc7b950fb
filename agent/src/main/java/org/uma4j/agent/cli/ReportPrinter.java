package org.uma4j.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/**
 * Prints a report as {@code vmstat -z} prints zones: a zone table ({@code ITEM SIZE LIMIT USED
 * FREE REQ FAIL SLEEP}, plus the bytes requested and the live estimate), then the top call sites
 * by bytes, then the findings.
 *
 * <p>Threading: one instance per run.
 */
final class ReportPrinter {

    private static final String ZONE_FORMAT = "%-20s %8s, %8s, %8s, %8s, %10s, %5s, %5s, %12s, %12s%n";
    private static final String SITE_FORMAT = "%10s %14s %14s  %-14s %s%n";

    private final PrintStream out; // destination

    ReportPrinter(PrintStream out) {
        this.out = out;
    }

    void print(JsonNode report, int top) {
        out.printf(ZONE_FORMAT.replace(",", " "), "ITEM", "SIZE", "LIMIT", "USED", "FREE", "REQ", "FAIL", "SLEEP",
                "BYTES", "LIVE-BYTES");
        for (JsonNode z : report.path("zones")) {
            out.printf(ZONE_FORMAT, z.path("name").asText() + ":", z.path("size").asText(), z.path("limit").asText(),
                    z.path("used").asText(), z.path("free").asText(), z.path("requests").asText(),
                    z.path("fails").asText(), z.path("sleeps").asText(), z.path("bytes").asText(),
                    z.path("liveBytes").asText());
        }
        out.println();
        JsonNode sites = report.path("sites");
        out.println("TOP CALL SITES (by bytes; " + Math.min(top, sites.size()) + " of " + sites.size() + ")");
        out.printf(SITE_FORMAT, "COUNT", "BYTES", "LIVE-BYTES", "CALL", "SITE");
        int n = 0;
        for (JsonNode s : sites) {
            if (n++ == top) {
                break;
            }
            out.printf(SITE_FORMAT, s.path("count").asText(), s.path("bytes").asText(), s.path("liveBytes").asText(),
                    s.path("call").asText(s.path("zone").asText()), site(s));
        }
        out.println();
        JsonNode findings = report.path("findings");
        out.println("FINDINGS (" + findings.size() + ")");
        if (findings.size() == 0) {
            out.println("none");
        }
        for (JsonNode f : findings) {
            String detail = f.path("detail").asText("");
            out.println(detail.isEmpty()
                    ? f.path("kind").asText() + " zone=" + f.path("zone").asText() + " item=" + f.path("item").asText()
                        + " site=" + f.path("site").asText()
                    : detail);
        }
    }

    private static String site(JsonNode s) {
        if (s.hasNonNull("location")) {
            return s.get("location").asText(); // read from a recording
        }
        String file = s.path("file").isNull() ? "Unknown Source" : s.path("file").asText();
        int line = s.path("line").asInt(-1);
        return s.path("class").asText() + "." + s.path("method").asText() + "(" + file + (line >= 0 ? ":" + line : "") + ")";
    }
}
