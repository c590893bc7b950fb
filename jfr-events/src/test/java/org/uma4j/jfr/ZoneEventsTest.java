package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Layout;
import org.uma4j.alloc.Reclaim;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneStats;

/** Slow-path events and zone statistics (periodic and at a chunk's end), from real zones. */
class ZoneEventsTest {

    @BeforeAll
    static void install() {
        assertTrue(UmaJfr.install());
    }

    @AfterAll
    static void uninstall() {
        UmaJfr.uninstall();
    }

    @Test
    void slabGrowAndReleaseCarryZoneBytesAndItems() throws Exception {
        Zone<Buf> z = Zone.builder("ev-slabs", 2048).build();
        long slabBytes = z.keg().geometry().slabBytes();
        int perSlab = z.keg().geometry().itemsPerSlab();
        long[] slabs = new long[1];
        List<RecordedEvent> ev = Recorder.record(Map.of(), () -> {
            Buf b = z.alloc(Zone.NOWAIT); // fills a bucket: one or more slabs
            slabs[0] = z.stats().slabs();
            z.free(b);
            z.reclaim(Reclaim.DRAIN_CPU);
        });
        List<RecordedEvent> grow = Recorder.of(ev, Names.SLAB_GROW, "ev-slabs");
        List<RecordedEvent> release = Recorder.of(ev, Names.SLAB_RELEASE, "ev-slabs");
        assertTrue(slabs[0] >= 1);
        assertEquals(slabs[0], grow.size(), "one event per slab cut: " + grow);
        assertEquals(slabBytes, grow.get(0).getLong("bytes"));
        assertEquals(perSlab, grow.get(0).getInt("items"));
        assertEquals(slabs[0], release.size(), "every slab free again and released: " + release);
        assertEquals(slabBytes, release.get(0).getLong("bytes"));

        List<RecordedEvent> reclaim = Recorder.of(ev, Names.RECLAIM, "ev-slabs");
        assertEquals(1, reclaim.size());
        assertEquals("DRAIN_CPU", reclaim.get(0).getString("level"));
        assertEquals(slabs[0], reclaim.get(0).getInt("slabs"));
        // items counts the bucket cache's items; DRAIN_CPU flushes this thread's cache uncounted.
        assertTrue(reclaim.get(0).getLong("items") >= 0);
        assertTrue(reclaim.get(0).getDuration("reclaimTime").toNanos() > 0);
    }

    @Test
    void limitReachedForNowaitAndAllocationDelayedForWaits() throws Exception {
        Zone<Buf> z = Zone.builder("ev-limit", 256).limit(2).build();
        Buf a = z.alloc(Zone.NOWAIT);
        Buf b = z.alloc(Zone.NOWAIT);
        List<RecordedEvent> ev = Recorder.record(Map.of(), () -> {
            assertNull(z.alloc(Zone.NOWAIT));                        // denied: LimitReached
            assertNull(z.allocWait(2, TimeUnit.MILLISECONDS));       // a wait that times out: AllocationDelayed
            Thread freer = new Thread(() -> {
                while (z.stats().sleepers() == 0) {
                    Thread.onSpinWait();
                }
                z.free(b);
            });
            freer.start();
            Buf c = z.alloc(Zone.WAITOK);                            // sleeps until the free
            assertNotNull(c);
            z.free(c);
            join(freer);
        });
        z.free(a);

        List<RecordedEvent> limit = Recorder.of(ev, Names.LIMIT_REACHED, "ev-limit");
        assertEquals(1, limit.size(), "the NOWAIT denial only; waits are AllocationDelayed: " + limit);
        assertEquals(2, limit.get(0).getLong("limit"));

        List<RecordedEvent> delayed = Recorder.of(ev, Names.ALLOCATION_DELAYED, "ev-limit");
        assertEquals(2, delayed.size(), delayed.toString());
        RecordedEvent timedOut = delayed.stream().filter(e -> !e.getBoolean("granted")).findFirst().orElseThrow();
        assertTrue(timedOut.getDuration().compareTo(Duration.ofMillis(2)) >= 0, "waited its timeout: " + timedOut);
        assertTrue(delayed.stream().anyMatch(e -> e.getBoolean("granted")), "the WAITOK wait was granted");
        assertEquals(2, delayed.get(0).getLong("limit"));
    }

    @Test
    void allocationDelayedBelowTheThresholdIsNotRecorded() throws Exception {
        Zone<Buf> z = Zone.builder("ev-threshold", 256).limit(1).build();
        Buf a = z.alloc(Zone.NOWAIT);
        List<RecordedEvent> ev = Recorder.record(Map.of(Names.ALLOCATION_DELAYED + "#threshold", "1 h"),
                () -> assertNull(z.allocWait(1, TimeUnit.MILLISECONDS)));
        z.free(a);
        assertEquals(List.of(), Recorder.of(ev, Names.ALLOCATION_DELAYED, "ev-threshold"));
        assertEquals(0, Recorder.of(ev, Names.LIMIT_REACHED, "ev-threshold").size(), "a wait is not a denial");
    }

    @Test
    void zoneStatisticsMatchTheZonesVmstatLine() throws Exception {
        Zone<Buf> z = Zone.builder("ev-stats", 1024).limit(100).build();
        Buf[] held = new Buf[7];
        for (int i = 0; i < held.length; i++) {
            held[i] = z.alloc(Zone.NOWAIT);
        }
        z.free(held[6]);
        ZoneStats want = z.stats();
        List<RecordedEvent> ev = Recorder.record(Map.of(), () -> { });
        List<RecordedEvent> stats = Recorder.of(ev, Names.ZONE_STATISTICS, "ev-stats");
        assertFalse(stats.isEmpty(), "a statistics event per chunk");
        RecordedEvent s = stats.get(stats.size() - 1);
        assertEquals(1024, s.getInt("itemSize"));
        assertEquals(100, s.getLong("limit"));
        assertEquals(6, s.getLong("used"));
        assertEquals(7, s.getLong("requests"));
        assertEquals(want.free(), s.getLong("free"));
        assertEquals(want.slabs(), s.getLong("slabs"));
        assertEquals(want.slabBytes(), s.getLong("slabBytes"));
        assertEquals(6 * 1024, s.getLong("usedBytes"));
        assertEquals(0, s.getLong("failures"));
        assertTrue(s.getBoolean("primary"));
        for (int i = 0; i < 6; i++) {
            z.free(held[i]);
        }
    }

    @Test
    void zoneConfigurationDescribesLayoutGeometryAndKegSharing() throws Exception {
        Zone<Buf> z = Zone.builder("ev-config", 4096).layout(Layout.PER_ITEM).refcount().limit(10).build();
        Zone<Buf> second = z.secondary("ev-config-second").build();
        List<RecordedEvent> ev = Recorder.record(Map.of(), () -> { });
        RecordedEvent c = Recorder.of(ev, Names.ZONE_CONFIGURATION, "ev-config").get(0);
        assertEquals(4096, c.getInt("itemSize"));
        assertEquals("PER_ITEM", c.getString("layout"));
        assertEquals(z.keg().geometry().slabBytes(), c.getLong("slabBytes"));
        assertEquals(z.keg().geometry().itemsPerSlab(), c.getInt("itemsPerSlab"));
        assertEquals(10, c.getLong("limit"));
        assertTrue(c.getBoolean("refcounted"));
        assertTrue(c.getBoolean("primary"));
        assertEquals("ev-config", c.getString("keg"));
        RecordedEvent s = Recorder.of(ev, Names.ZONE_CONFIGURATION, "ev-config-second").get(0);
        assertFalse(s.getBoolean("primary"));
        assertEquals("ev-config", s.getString("keg"), "a secondary zone names the keg it shares");
        second.destroy();
    }

    @Test
    void zonesBuiltBeforeInstallStillAppearInStatistics() throws Exception {
        UmaJfr.uninstall();
        Zone<Buf> early = Zone.builder("ev-early", 64).build();
        assertTrue(UmaJfr.install());
        early.free(early.alloc(Zone.NOWAIT));
        List<RecordedEvent> ev = Recorder.record(Map.of(), () -> { });
        assertFalse(Recorder.of(ev, Names.ZONE_STATISTICS, "ev-early").isEmpty());
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    // A recording shorter than the statistics' period still ends with one round of them, written
    // by JFR as the chunk ends (ChunkEndStatistics); with that off, the same recording has none.

    private static List<RecordedEvent> recordShort(Zone<Buf> z, boolean chunkEnd) throws Exception {
        return Recorder.record(Map.of(
                Names.ZONE_STATISTICS + "#period", "1 h", // the period never comes round in this recording
                Names.CHUNK_END_STATISTICS + "#enabled", Boolean.toString(chunkEnd)), () -> {
                    Buf b = z.alloc(Zone.NOWAIT);
                    z.free(b);
                    z.alloc(Zone.NOWAIT); // one left in use
                });
    }

    @Test
    void aRecordingShorterThanThePeriodEndsWithTheStatistics() throws Exception {
        Zone<Buf> z = Zone.builder("ev-chunk-end", 512).build();
        List<RecordedEvent> stats = Recorder.of(recordShort(z, true), Names.ZONE_STATISTICS, "ev-chunk-end");
        assertEquals(1, stats.size(), "one round at the chunk's end: " + stats);
        assertEquals(1, stats.get(0).getLong("used"));
        assertEquals(2, stats.get(0).getLong("requests"));
    }

    @Test
    void withoutTheChunkEndHookTheSameRecordingHasNone() throws Exception {
        Zone<Buf> z = Zone.builder("ev-chunk-end-off", 512).build();
        List<RecordedEvent> ev = recordShort(z, false);
        assertTrue(!Recorder.of(ev, Names.ZONE_CONFIGURATION, "ev-chunk-end-off").isEmpty(),
                "negative control: the recording has the zone");
        assertEquals(List.of(), Recorder.of(ev, Names.ZONE_STATISTICS, "ev-chunk-end-off"));
    }
}
