package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's accounting zones in a recording: {@code org.uma4j.SizeClassStatistics} from the
 * installed {@link SizeClassSource}, periodically and at the chunk's end, read back by
 * {@link RecordingReader}.
 */
class SizeClassEventsTest {
    private static final SizeClassStats HEAP = new SizeClassStats("heap-2048", "heap", 2048, 0, 7, 10_000, 2, 4096);
    private static final SizeClassStats WRAP = new SizeClassStats("wrap-16", "wrap", 16, 500, 3, 40, 0, 0);

    @BeforeAll
    static void install() {
        assertTrue(UmaJfr.install());
    }

    @AfterAll
    static void uninstall() {
        UmaJfr.uninstall();
    }

    @AfterEach
    void noSource() {
        UmaJfr.sizeClasses(null);
    }

    @Test
    void eachSizeClassOfTheSourceIsAnEventWithItsNumbers() throws Exception {
        UmaJfr.sizeClasses(() -> List.of(HEAP, WRAP));
        List<RecordedEvent> ev = Recorder.of(Recorder.record(Map.of(), () -> { }), Names.SIZE_CLASS_STATISTICS);
        RecordedEvent heap = ev.stream().filter(e -> "heap-2048".equals(e.getString("zone"))).findFirst().orElseThrow();
        assertEquals("heap", heap.getString("family"));
        assertEquals(2048, heap.getLong("size"));
        assertEquals(7, heap.getLong("allocations"));
        assertEquals(10_000, heap.getLong("bytes"));
        assertEquals(2, heap.getLong("live"));
        assertEquals(4096, heap.getLong("liveBytes"));
        assertEquals(List.of(HEAP, WRAP), RecordingReader.read(Recorder.lastFile).sizeClasses());
    }

    @Test
    void aRecordingShorterThanThePeriodEndsWithOneRound() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        UmaJfr.sizeClasses(() -> {
            calls.incrementAndGet();
            return List.of(HEAP);
        });
        List<RecordedEvent> ev = Recorder.of(Recorder.record(Map.of(Names.SIZE_CLASS_STATISTICS + "#period", "1 h"),
                () -> { }), Names.SIZE_CLASS_STATISTICS);
        assertEquals(1, ev.size(), "the chunk-end round only: " + ev);
        assertEquals(List.of(HEAP), RecordingReader.read(Recorder.lastFile).sizeClasses());

        List<RecordedEvent> off = Recorder.of(Recorder.record(Map.of(Names.SIZE_CLASS_STATISTICS + "#period", "1 h",
                Names.CHUNK_END_STATISTICS + "#enabled", "false"), () -> { }), Names.SIZE_CLASS_STATISTICS);
        assertEquals(List.of(), off, "without the chunk-end hook the period never comes round");
        assertTrue(calls.get() >= 1, "the source was asked");
    }

    @Test
    void aFailingSourceCostsItsOwnEventsOnly() throws Exception {
        UmaJfr.sizeClasses(() -> {
            throw new IllegalStateException("seeded");
        });
        CallSiteStats site = new CallSiteStats(9, "com.example.A.b(A.java:1)", "heap-2048", 1, 2048, 0, 0);
        UmaJfr.callSites(() -> List.of(site));
        try {
            List<RecordedEvent> ev = Recorder.record(Map.of(), () -> { });
            assertEquals(List.of(), Recorder.of(ev, Names.SIZE_CLASS_STATISTICS));
            assertFalse(Recorder.of(ev, Names.CALL_SITE_STATISTICS).isEmpty(), "the other statistics are still written");
        } finally {
            UmaJfr.callSites(null);
        }
    }
}
