package org.uma4j.jfr;

import java.util.HashMap;
import java.util.Map;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.alloc.ZoneStats;

/**
 * The periodic hooks: zone statistics from a registry, mbuf statistics and call-site
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

    final Runnable zones = this::emitZones;   // hook of ZoneStatisticsEvent
    final Runnable mbufs = PeriodicStats::emitMbufs; // hook of MbufStatisticsEvent
    final Runnable sites = PeriodicStats::emitSites; // hook of CallSiteStatisticsEvent

    PeriodicStats(ZoneRegistry registry) {
        this.registry = registry;
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
        e.mbufsUsed = s.mbufsUsed();
        e.mbufsCached = s.mbufsCached();
        e.mbufsTotal = s.mbufsTotal();
        e.clustersUsed = s.clustersUsed();
        e.clustersCached = s.clustersCached();
        e.clustersTotal = s.clustersTotal();
        e.clustersMax = s.clustersMax();
        e.packetsUsed = s.packetsUsed();
        e.packetsCached = s.packetsCached();
        e.bytesUsed = s.bytesUsed();
        e.bytesCached = s.bytesCached();
        e.bytesTotal = s.bytesTotal();
        e.mbufsDenied = s.mbufsDenied();
        e.clustersDenied = s.clustersDenied();
        e.packetsDenied = s.packetsDenied();
        e.mbufsDelayed = s.mbufsDelayed();
        e.clustersDelayed = s.clustersDelayed();
        e.packetsDelayed = s.packetsDelayed();
        e.commit();
    }

    private static void emitSites() {
        CallSiteSource src = UmaJfr.callSiteSource();
        if (src == null) {
            return;
        }
        Iterable<CallSiteStats> all;
        try {
            all = src.snapshot();
        } catch (RuntimeException ex) {
            return;
        }
        if (all == null) {
            return;
        }
        for (CallSiteStats s : all) {
            CallSiteStatisticsEvent e = new CallSiteStatisticsEvent();
            e.site = s.site();
            e.location = s.location();
            e.zone = s.zone();
            e.allocations = s.allocations();
            e.bytes = s.bytes();
            e.live = s.live();
            e.liveBytes = s.liveBytes();
            e.commit();
        }
    }
}
