package org.uma4j.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.uma4j.agent.cli.Umastat.UmastatException;
import org.uma4j.agent.report.ReportWriter;
import org.uma4j.agent.report.ZoneRow;
import org.uma4j.alloc.ZoneStats;
import org.uma4j.mbuf.MbufStats;
import org.uma4j.jfr.CallSiteStats;
import org.uma4j.jfr.FindingRecord;
import org.uma4j.jfr.RecordingReader;
import org.uma4j.jfr.SizeClassStats;

/**
 * A {@code .jfr} recording in the report's shape, so umastat prints it like a report: the last
 * {@code org.uma4j.ZoneStatistics} of each zone, then the last {@code org.uma4j.SizeClassStatistics}
 * of each of the agent's accounting zones, the last {@code org.uma4j.CallSiteStatistics}
 * of each site, and every {@code org.uma4j.Finding}. {@code config} holds the recording's path.
 * The last {@code org.uma4j.MbufStatistics} is printed as {@code netstat -m} lines.
 *
 * <p>Threading: one call per run.
 */
final class RecordingView {

    private RecordingView() {
    }

    /**
     * Reads a recording.
     *
     * @param file the recording
     * @return its reader
     * @throws UmastatException with the one line to print
     */
    static RecordingReader open(Path file) throws UmastatException {
        try {
            return RecordingReader.read(file);
        } catch (IOException | RuntimeException e) {
            throw new UmastatException("umastat: " + file + ": cannot read the recording (" + e.getMessage() + ")");
        }
    }

    /**
     * Returns the {@code netstat -m} lines of the recording's last mbuf statistics, or "".
     *
     * @param r the recording
     * @return the lines, each ending in a newline
     */
    static String netstat(RecordingReader r) {
        return r.mbufs().map(MbufStats::render).orElse("");
    }

    /**
     * Returns the recording in the report's shape.
     *
     * @param file the recording's path, for {@code config.recording}
     * @param r the recording
     * @return the report-shaped document
     */
    static JsonNode toReport(Path file, RecordingReader r) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("config").put("recording", file.toString());
        ArrayNode zones = root.putArray("zones");
        for (ZoneStats z : r.zones()) {
            ReportWriter.addZone(zones, ZoneRow.of(z));
        }
        for (SizeClassStats s : r.sizeClasses()) {
            ReportWriter.addZone(zones, ZoneRow.of(s)); // the agent's accounting zones, as in its JSON report
        }
        ArrayNode sites = root.putArray("sites");
        r.sites().stream().sorted((a, b) -> Long.compare(b.bytes(), a.bytes())).forEach(s -> addSite(sites, s));
        ArrayNode findings = root.putArray("findings");
        for (FindingRecord f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("kind", f.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            n.put("zone", f.zone());
            if (f.index() >= 0) {
                n.put("item", f.index());
            } else {
                n.putNull("item");
            }
            n.put("site", f.site().isEmpty() ? f.allocationSite() : f.site());
            n.put("detail", f.message());
        }
        return root;
    }

    private static void addSite(ArrayNode sites, CallSiteStats s) {
        ObjectNode n = sites.addObject();
        n.put("id", s.site());
        n.put("location", s.location());
        if (!s.call().isEmpty()) {
            n.put("call", s.call()); // else umastat's CALL column falls back to the zone
        }
        n.put("zone", s.zone());
        n.put("count", s.allocations());
        n.put("bytes", s.bytes());
        n.put("liveBytes", s.liveBytes());
    }
}
