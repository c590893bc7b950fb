package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/**
 * A recording shorter than the statistics' period still ends with one round of them, written by
 * JFR as the chunk ends ({@code org.uma4j.ChunkEndStatistics}); with that switched off, the same
 * recording has none (the negative control).
 */
class ChunkEndStatisticsTest {

    @BeforeAll
    static void install() {
        assertTrue(UmaJfr.install());
    }

    @AfterAll
    static void uninstall() {
        UmaJfr.uninstall();
    }

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
