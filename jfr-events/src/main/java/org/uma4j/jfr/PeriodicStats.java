package org.uma4j.jfr;

import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.uma4j.alloc.SlabGeometry;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.alloc.ZoneStats;
import org.uma4j.mbuf.MbufStats;

/**
 * The periodic hooks: zone configuration and statistics from a registry, mbuf statistics and call-site
 * statistics from the sources installed in {@link UmaJfr}. JFR runs each hook once per
 * period of its event, and only while that event is enabled, so none of this costs anything
 * per allocation.
 *
 * <p>Threading: hooks run on JFR's "JFR Periodic Tasks" thread; the previous request counts
 * used for the rate are touched only there, under this object's monitor in case JFR ever runs
 * a hook elsewhere.
 */
final class PeriodicStats {
    private final ZoneRegistry registry;                      // whose zones are reported
    private final Map<String, long[]> previous = new HashMap<>(); // zone -> {requests, nanoTime}; guarded by this

    final Runnable configurations = this::emitConfigurations; // hook of ZoneConfigurationEvent
    final Runnable zones = this::emitZones;   // hook of ZoneStatisticsEvent
    final Runnable mbufs = PeriodicStats::emitMbufs; // hook of MbufStatisticsEvent
    final Runnable sites = PeriodicStats::emitSites; // hook of CallSiteStatisticsEvent
    final Runnable sizeClasses = PeriodicStats::emitSizeClasses; // hook of SizeClassStatisticsEvent
    final Runnable chunkEnd = this::emitStatistics; // hook of ChunkEndStatisticsEvent

    /** One round of every statistics event; each is written only if enabled. */
    void emitStatistics() {
        zones.run();
        mbufs.run();
        sites.run();
        sizeClasses.run();
    }

    PeriodicStats(ZoneRegistry registry) {
        this.registry = registry;
    }

    private void emitConfigurations() {
        for (Zone<?> z : registry.zones()) {
            ZoneConfigurationEvent e = new ZoneConfigurationEvent();
            SlabGeometry g = z.keg().geometry();
            e.zone = z.name();
            e.itemSize = g.itemSize();
            e.layout = g.layout().name();
            e.slabBytes = g.slabBytes();
            e.itemsPerSlab = g.itemsPerSlab();
            e.limit = z.limit();
            e.refcounted = z.isRefcounted();
            e.primary = z.isPrimary();
            List<? extends Zone<?>> onKeg = z.keg().zones();
            e.keg = onKeg.isEmpty() ? z.name() : onKeg.get(0).name();
            e.commit();
        }
    }

    private synchronized void emitZones() {
        long now = System.nanoTime();
        Map<String, long[]> seen = new HashMap<>();
        for (ZoneStats s : registry.stats()) {
            ZoneStatisticsEvent e = new ZoneStatisticsEvent();
            e.zone = s.name();
            e.itemSize = s.size();
            e.limit = s.limit();
            e.used = s.used();
            e.free = s.free();
            e.requests = s.requests();
            e.failures = s.fails();
            e.sleeps = s.sleeps();
            e.slabs = s.slabs();
            e.slabBytes = s.slabBytes();
            e.usedBytes = s.usedBytes();
            e.cached = s.cached();
            e.kegFree = s.kegFree();
            e.bucketSize = s.bucketSize();
            e.sleepers = s.sleepers();
            e.primary = s.primary();
            long[] p = previous.get(s.name());
            if (p != null && now > p[1] && s.requests() >= p[0]) {
                e.requestRate = (s.requests() - p[0]) * 1e9 / (now - p[1]);
            }
            seen.put(s.name(), new long[] {s.requests(), now});
            e.commit();
        }
        previous.clear(); // destroyed zones drop out
        previous.putAll(seen);
    }

    private static void emitMbufs() {
        MbufStatsSource src = UmaJfr.mbufSource();
        MbufStats s;
        try {
            s = src == null ? null : src.snapshot();
        } catch (RuntimeException ex) {
            return; // a failing source costs its own period only
        }
        if (s == null) {
            return;
        }
        MbufStatisticsEvent e = new MbufStatisticsEvent();
        e.mbufsUsed = s.mbufsInUse();
        e.mbufsCached = s.mbufsCached();
        e.mbufsTotal = e.mbufsUsed + e.mbufsCached;
        e.clustersUsed = s.clustersInUse();
        e.clustersCached = s.clustersCached();
        e.clustersTotal = s.cluster().used() + s.cluster().free();
        e.clustersMax = s.cluster().limit();
        e.packetsUsed = s.packet().used();
        e.packetsCached = s.packet().free();
        e.jumbopUsed = s.jumbop().used();
        e.jumbopCached = s.jumbop().free();
        e.jumbopMax = s.jumbop().limit();
        e.jumbo9Used = s.jumbo9().used();
        e.jumbo9Cached = s.jumbo9().free();
        e.jumbo9Max = s.jumbo9().limit();
        e.jumbo16Used = s.jumbo16().used();
        e.jumbo16Cached = s.jumbo16().free();
        e.jumbo16Max = s.jumbo16().limit();
        e.bytesUsed = s.bytesInUse();
        e.bytesCached = s.bytesCached();
        e.bytesTotal = e.bytesUsed + e.bytesCached;
        e.mbufsDenied = s.mbuf().fails();
        e.clustersDenied = s.cluster().fails();
        e.packetsDenied = s.packetsDenied();
        e.mbufsDelayed = s.mbuf().sleeps();
        e.clustersDelayed = s.cluster().sleeps();
        e.packetsDelayed = s.packet().sleeps();
        e.jumbopDelayed = s.jumbop().sleeps();
        e.jumbopDenied = s.jumbop().fails();
        e.jumbo9Delayed = s.jumbo9().sleeps();
        e.jumbo9Denied = s.jumbo9().fails();
        e.jumbo16Delayed = s.jumbo16().sleeps();
        e.jumbo16Denied = s.jumbo16().fails();
        e.getclDenied = s.packetDenied();
        e.drains = s.drains();
        e.mbufZone = s.mbuf().name();
        e.packetZone = s.packet().name();
        e.clusterZone = s.cluster().name();
        e.jumbopZone = s.jumbop().name();
        e.jumbo9Zone = s.jumbo9().name();
        e.jumbo16Zone = s.jumbo16().name();
        e.commit();
    }

    private static void emitSites() {
        CallSiteSource src = UmaJfr.callSiteSource();
        if (src != null) {
            emitEach(src::snapshot, PeriodicStats::emitSite);
        }
    }

    private static void emitSite(CallSiteStats s) {
        CallSiteStatisticsEvent e = new CallSiteStatisticsEvent();
        e.site = s.site();
        e.location = s.location();
        e.call = s.call();
        e.zone = s.zone();
        e.allocations = s.allocations();
        e.bytes = s.bytes();
        e.live = s.live();
        e.liveBytes = s.liveBytes();
        e.commit();
    }

    private static void emitSizeClasses() {
        SizeClassSource src = UmaJfr.sizeClassSource();
        if (src != null) {
            emitEach(src::snapshot, PeriodicStats::emitSizeClass);
        }
    }

    private static void emitSizeClass(SizeClassStats s) {
        SizeClassStatisticsEvent e = new SizeClassStatisticsEvent();
        e.zone = s.zone();
        e.family = s.family();
        e.size = s.size();
        e.limit = s.limit();
        e.allocations = s.allocations();
        e.bytes = s.bytes();
        e.live = s.live();
        e.liveBytes = s.liveBytes();
        e.commit();
    }

    /** Writes one event per row of a source's snapshot; a source that throws or gives null costs its own period only. */
    private static <T> void emitEach(Supplier<? extends Iterable<T>> snapshot, Consumer<T> emit) {
        Iterable<T> all;
        try {
            all = snapshot.get();
        } catch (RuntimeException ex) {
            return;
        }
        if (all != null) {
            all.forEach(emit);
        }
    }
}
