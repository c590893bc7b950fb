package org.uma4j.agent.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.uma4j.agent.account.Accounting;
import org.uma4j.agent.account.Site;
import org.uma4j.agent.account.SiteRegistry;
import org.uma4j.agent.account.SizeClass;
import org.uma4j.agent.account.SizeClassCounters;

/**
 * Builds the JSON report ({@code config}, {@code zones}, {@code sites}, {@code findings}) and
 * writes it atomically: to a temporary file in the target directory, then moved over the target.
 * The schema is documented in the agent's guide; field names are constants here and in the CLI.
 *
 * <p>Threading: {@link #build()} and {@link #write(Path)} may be called by any thread, one at a
 * time per instance; sources are read while the application may run.
 */
public final class ReportWriter {

    /** Holds the mapper, so Jackson loads when the first report is built, not at install. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final Map<String, String> config; // effective options, written as given
    private final SiteRegistry registry; // call sites
    private final Accounting accounting; // live estimates
    private final List<ZoneSource> zoneSources = new ArrayList<>(); // guarded by this
    private final List<FindingSource> findingSources = new ArrayList<>(); // guarded by this
    private final PrintStream log; // where source failures are reported

    /**
     * Creates a writer.
     *
     * @param config the effective options
     * @param registry the call sites
     * @param accounting the recorder
     * @param log where a failing source is reported in one line
     */
    public ReportWriter(Map<String, String> config, SiteRegistry registry, Accounting accounting, PrintStream log) {
        this.config = config;
        this.registry = registry;
        this.accounting = accounting;
        this.log = log;
    }

    /**
     * Adds a zone source; rows appear in the order sources were added.
     *
     * @param source the source
     */
    public synchronized void addZoneSource(ZoneSource source) {
        zoneSources.add(source);
    }

    /**
     * Adds a finding source.
     *
     * @param source the source
     */
    public synchronized void addFindingSource(FindingSource source) {
        findingSources.add(source);
    }

    /** @return the findings of all sources, in source order */
    public synchronized List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (FindingSource s : findingSources) {
            try {
                out.addAll(s.findings());
            } catch (RuntimeException e) {
                log.println("uma4j: finding source " + s.getClass().getName() + " failed (" + e + "); its findings are left out");
            }
        }
        return out;
    }

    /**
     * Builds the report document.
     *
     * @param findings the findings to include
     * @return the document
     */
    public synchronized ObjectNode build(List<Finding> findings) {
        accounting.drainCollected();
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode cfg = root.putObject("config");
        config.forEach((k, v) -> {
            if (v.equals("true") || v.equals("false")) {
                cfg.put(k, Boolean.parseBoolean(v));
            } else if (k.equals("sample") || k.equals("sampleRate") || k.startsWith("limit.")) {
                cfg.put(k, Long.parseLong(v));
            } else {
                cfg.put(k, v);
            }
        });
        ArrayNode zones = root.putArray("zones");
        for (ZoneSource s : zoneSources) {
            try {
                s.zones().forEach(z -> addZone(zones, z));
            } catch (RuntimeException e) {
                log.println("uma4j: zone source " + s.getClass().getName() + " failed (" + e + "); its zones are left out");
            }
        }
        ArrayNode sites = root.putArray("sites");
        List<SiteTotals> totals = new ArrayList<>();
        for (Site site : registry.sites()) {
            if (!site.probe() && site.kind().accounted()) {
                totals.add(new SiteTotals(site));
            }
        }
        totals.sort(Comparator.comparingLong((SiteTotals t) -> -t.bytes).thenComparingInt(t -> t.site.id()));
        totals.forEach(t -> addSite(sites, t));
        ArrayNode out = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode n = out.addObject();
            n.put("kind", f.kind());
            n.put("zone", f.zone());
            if (f.item() >= 0) {
                n.put("item", f.item());
            } else {
                n.putNull("item");
            }
            n.put("site", f.site());
            n.put("detail", f.detail());
        }
        return root;
    }

    /**
     * Writes a report atomically: readers of {@code target} see the old file or the whole new
     * one, never a partial one (where the file system can move atomically).
     *
     * @param target the report path; its directory is created if missing
     * @param report the document
     * @throws IOException if writing fails
     */
    public static void write(Path target, ObjectNode report) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, absolute.getFileName().toString(), ".tmp");
        try {
            Json.MAPPER.writeValue(tmp.toFile(), report);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Serialises a report.
     *
     * @param report the document
     * @return its JSON text, indented as the report file is
     * @throws IOException if serialisation fails
     */
    public static String toJson(ObjectNode report) throws IOException {
        return Json.MAPPER.writeValueAsString(report);
    }

    /** Appends one zone in the report's schema; the one writer of that shape (reports and recordings). */
    public static void addZone(ArrayNode zones, ZoneRow z) {
        ObjectNode n = zones.addObject();
        n.put("name", z.name());
        n.put("kind", z.kind());
        n.put("size", z.size());
        n.put("limit", z.limit());
        n.put("used", z.used());
        n.put("free", z.free());
        n.put("requests", z.requests());
        n.put("fails", z.fails());
        n.put("sleeps", z.sleeps());
        n.put("bytes", z.bytes());
        n.put("liveBytes", z.liveBytes());
        n.put("slabs", z.slabs());
        n.put("slabBytes", z.slabBytes());
    }

    private void addSite(ArrayNode sites, SiteTotals t) {
        ObjectNode n = sites.addObject();
        Site s = t.site;
        n.put("id", s.id());
        n.put("class", s.className());
        n.put("method", s.method());
        n.put("file", s.file());
        n.put("line", s.line());
        n.put("call", s.kind().method());
        n.put("count", t.count);
        n.put("bytes", t.bytes);
        n.put("liveBytes", t.liveBytes);
        if (t.dead > 0) {
            n.put("meanLifetimeMillis", t.lifetimeNanos / t.dead / 1_000_000.0);
        } else {
            n.putNull("meanLifetimeMillis");
        }
        ArrayNode classes = n.putArray("sizeClasses");
        for (int sc = 0; sc < SizeClass.COUNT; sc++) {
            SizeClassCounters c = s.countersIfUsed(sc);
            if (c == null) {
                continue;
            }
            ObjectNode cn = classes.addObject();
            cn.put("zone", s.kind().family() + "-" + SizeClass.upperBound(sc));
            cn.put("size", SizeClass.upperBound(sc));
            cn.put("count", c.count());
            cn.put("bytes", c.bytes());
            cn.put("liveBytes", accounting.liveBytesEstimate(c));
        }
    }

    /** A site's counters summed over its size classes, read once. */
    private final class SiteTotals {
        final Site site; // the site
        long count; // buffers
        long bytes; // bytes
        long liveBytes; // estimated live bytes
        long dead; // sampled buffers seen collected
        long lifetimeNanos; // their summed lifetimes

        SiteTotals(Site site) {
            this.site = site;
            for (int sc = 0; sc < SizeClass.COUNT; sc++) {
                SizeClassCounters c = site.countersIfUsed(sc);
                if (c != null) {
                    count += c.count();
                    bytes += c.bytes();
                    liveBytes += accounting.liveBytesEstimate(c);
                    dead += c.sampledDeadCount();
                    lifetimeNanos += c.sampledLifetimeNanos();
                }
            }
        }
    }
}
