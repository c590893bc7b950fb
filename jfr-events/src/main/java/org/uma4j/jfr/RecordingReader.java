package org.uma4j.jfr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.uma4j.alloc.ZoneStats;
import org.uma4j.dbg.FindingKind;
import org.uma4j.mbuf.MbufStats;

/**
 * Reads a {@code .jfr} recording into the tables that {@code umastat} prints: the last
 * statistics of each zone ({@code vmstat -z}), the last mbuf statistics ({@code netstat -m}),
 * the last account of each call site, every debug finding, and a count per uma4j event type.
 *
 * <pre>{@code
 * RecordingReader r = RecordingReader.read(Path.of("app.jfr"));
 * System.out.print(Vmstat.render(r.zones()));
 * r.mbufs().ifPresent(m -> System.out.print(m.render()));  // netstat -m
 * for (FindingRecord f : r.findings()) System.out.println(f.message());
 * }</pre>
 *
 * <p>Events of other types are skipped, so a recording made with the JDK's own settings next
 * to uma4j's reads the same. Needs the {@code jdk.jfr} module (it uses
 * {@code jdk.jfr.consumer}), but not a running Flight Recorder.
 *
 * <p>Threading: immutable once {@link #read} returns; safe to share.
 */
public final class RecordingReader {
    private final Map<String, ZoneStats> zones = new LinkedHashMap<>();      // last per zone, first-seen order
    private final Map<Integer, CallSiteStats> sites = new LinkedHashMap<>(); // last per site, first-seen order
    private final Map<String, SizeClassStats> sizeClasses = new LinkedHashMap<>(); // last per class, first-seen order
    private final List<FindingRecord> findings = new ArrayList<>();         // in time order
    private final Map<String, Long> counts = new TreeMap<>();                // events per uma4j type
    private RecordedEvent mbufs;                                             // the last mbuf event, or null

    private RecordingReader() {
    }

    /**
     * Reads a recording file.
     *
     * @param file a {@code .jfr} file, as written by JFR (a dump, {@code filename=}, or {@code jcmd JFR.dump})
     * @return the tables
     * @throws IOException naming the file if it is missing, unreadable or not a JFR recording
     */
    public static RecordingReader read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("recording: " + file + " (expected: an existing .jfr file)");
        }
        List<RecordedEvent> events;
        try {
            events = RecordingFile.readAllEvents(file);
        } catch (IOException | RuntimeException e) {
            throw new IOException("recording: " + file + " (expected: a JFR recording; " + e.getMessage() + ")", e);
        }
        events.sort((a, b) -> a.getStartTime().compareTo(b.getStartTime()));
        RecordingReader r = new RecordingReader();
        for (RecordedEvent e : events) {
            try {
                r.accept(e);
            } catch (RuntimeException ex) { // a field missing or a kind unknown to this version
                throw new IOException("recording: " + file + " (expected: uma4j events this reader knows; "
                        + e.getEventType().getName() + " at " + e.getStartTime() + ": " + ex.getMessage() + ")", ex);
            }
        }
        return r;
    }

    private void accept(RecordedEvent e) {
        String type = e.getEventType().getName();
        if (!type.startsWith("org.uma4j.")) {
            return;
        }
        counts.merge(type, 1L, Long::sum);
        switch (type) {
            case Names.ZONE_STATISTICS:
                zones.put(e.getString("zone"), zone(e));
                break;
            case Names.MBUF_STATISTICS:
                mbufs = e;
                break;
            case Names.CALL_SITE_STATISTICS:
                sites.put(e.getInt("site"), new CallSiteStats(e.getInt("site"), e.getString("location"),
                        e.getString("zone"), e.getLong("allocations"), e.getLong("bytes"), e.getLong("live"),
                        e.getLong("liveBytes"), e.hasField("call") ? nonNull(e.getString("call")) : ""));
                break;
            case Names.SIZE_CLASS_STATISTICS:
                sizeClasses.put(e.getString("zone"), new SizeClassStats(e.getString("zone"), e.getString("family"),
                        e.getLong("size"), e.getLong("limit"), e.getLong("allocations"), e.getLong("bytes"),
                        e.getLong("live"), e.getLong("liveBytes")));
                break;
            default:
                if (Names.FINDINGS.contains(type)) {
                    findings.add(finding(e));
                }
        }
    }

    private static ZoneStats zone(RecordedEvent e) {
        return new ZoneStats(e.getString("zone"), e.getInt("itemSize"), e.getLong("limit"), e.getLong("used"),
                e.getLong("free"), e.getLong("requests"), e.getLong("failures"), e.getLong("sleeps"),
                e.getLong("slabs"), e.getLong("slabBytes"), e.getLong("cached"), e.getLong("kegFree"),
                e.getInt("bucketSize"), e.getInt("sleepers"), e.getBoolean("primary"));
    }

    private static FindingRecord finding(RecordedEvent e) {
        RecordedThread t = e.getThread();
        String thread = t == null ? null : t.getJavaName() != null ? t.getJavaName() : t.getOSName();
        return new FindingRecord(e.getStartTime(), FindingKind.valueOf(e.getString("kind")), nonNull(e.getString("zone")),
                nonNull(e.getString("otherZone")), e.getInt("slab"), e.getInt("index"), e.getInt("offset"),
                nonNull(e.getString("site")), nonNull(e.getString("allocationSite")),
                nonNull(e.getString("freeSite")), nonNull(e.getString("detail")), nonNull(e.getString("message")),
                nonNull(thread));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** Returns each zone's last statistics, in the order the zones first appear; ready for {@code Vmstat.render}. */
    public List<ZoneStats> zones() {
        return List.copyOf(zones.values());
    }

    /**
     * Returns the mbuf family's last statistics, ready for {@code MbufStats.render()} (netstat
     * -m): rebuilt from the last {@code org.uma4j.MbufStatistics} event and the last
     * {@code org.uma4j.ZoneStatistics} of the six zones it names. Empty if the recording has no
     * mbuf event, or lacks the statistics of one of those zones (the family's zones were not
     * in the registry {@link UmaJfr#install} reported, or zone statistics were off).
     */
    public Optional<MbufStats> mbufs() {
        if (mbufs == null) {
            return Optional.empty();
        }
        ZoneStats[] z = new ZoneStats[6];
        String[] names = {"mbufZone", "packetZone", "clusterZone", "jumbopZone", "jumbo9Zone", "jumbo16Zone"};
        for (int i = 0; i < z.length; i++) {
            z[i] = zones.get(mbufs.getString(names[i]));
            if (z[i] == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new MbufStats(z[0], z[1], z[2], z[3], z[4], z[5], mbufs.getLong("getclDenied"),
                mbufs.getLong("drains")));
    }

    /** Returns each call site's last account, in the order the sites first appear. */
    public List<CallSiteStats> sites() {
        return List.copyOf(sites.values());
    }

    /**
     * Returns each accounted size class's last account (the agent's {@code heap-2048}, ...
     * zones), in the order the classes first appear.
     */
    public List<SizeClassStats> sizeClasses() {
        return List.copyOf(sizeClasses.values());
    }

    /** Returns every debug finding, oldest first. */
    public List<FindingRecord> findings() {
        return Collections.unmodifiableList(findings);
    }

    /** Returns the number of events of each uma4j event type present, by type name. */
    public Map<String, Long> eventCounts() {
        return Collections.unmodifiableMap(counts);
    }
}
