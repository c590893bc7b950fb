package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/** Per-item events: off by default, sampled 1 in N per thread, stack traces on request. */
class ItemEventsTest {

    @BeforeAll
    static void install() {
        assertTrue(UmaJfr.install());
    }

    @AfterAll
    static void uninstall() {
        UmaJfr.uninstall();
    }

    private static void churn(Zone<Buf> z, int n, int site) {
        for (int i = 0; i < n; i++) {
            Buf b = z.alloc(Zone.NOWAIT, site);
            z.free(b, site);
        }
    }

    @Test
    void everyAllocationAndFreeWithSampleOne() throws Exception {
        Zone<Buf> z = Zone.builder("item-all", 128).build();
        List<RecordedEvent> ev = Recorder.record(Map.of(), () -> churn(z, 50, 7));
        List<RecordedEvent> allocs = Recorder.of(ev, Names.ITEM_ALLOCATION, "item-all");
        List<RecordedEvent> frees = Recorder.of(ev, Names.ITEM_FREE, "item-all");
        assertEquals(50, allocs.size());
        assertEquals(50, frees.size());
        RecordedEvent a = allocs.get(0);
        assertEquals(128, a.getInt("length"));
        assertEquals(7, a.getInt("site"));
        assertTrue(a.getInt("slab") >= 1);
        assertTrue(a.getInt("index") >= 0);
        assertNull(a.getStackTrace(), "stack traces stay off unless asked for");
    }

    @Test
    void sampleSettingRecordsOneInN() throws Exception {
        Zone<Buf> z = Zone.builder("item-sampled", 128).build();
        List<RecordedEvent> ev = Recorder.record(Map.of(Names.ITEM_ALLOCATION + "#sample", "10",
                Names.ITEM_FREE + "#sample", "25"), () -> churn(z, 1000, 0));
        assertEquals(100, Recorder.of(ev, Names.ITEM_ALLOCATION, "item-sampled").size());
        assertEquals(40, Recorder.of(ev, Names.ITEM_FREE, "item-sampled").size());
    }

    @Test
    void samplingIsPerThreadSoConcurrentThreadsEachRecordOneInN() throws Exception {
        Zone<Buf> z = Zone.builder("item-threads", 128).build();
        int threads = 4;
        List<RecordedEvent> ev = Recorder.record(Map.of(Names.ITEM_ALLOCATION + "#sample", "10"), () -> {
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int site = 100 + t;
                ts[t] = new Thread(() -> churn(z, 1000, site), "churn-" + t);
                ts[t].start();
            }
            for (Thread t : ts) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        });
        List<RecordedEvent> allocs = Recorder.of(ev, Names.ITEM_ALLOCATION, "item-threads");
        assertEquals(threads * 100, allocs.size());
        for (int t = 0; t < threads; t++) {
            int site = 100 + t;
            assertEquals(100, allocs.stream().filter(e -> e.getInt("site") == site).count(), "thread " + t);
        }
        assertEquals(threads * 1000, Recorder.of(ev, Names.ITEM_FREE, "item-threads").size(), "frees unsampled");
    }

    @Test
    void stackTracesNameTheAllocatingMethod() throws Exception {
        Zone<Buf> z = Zone.builder("item-stacks", 128).build();
        List<RecordedEvent> ev = Recorder.record(Map.of(Names.ITEM_ALLOCATION + "#stackTrace", "true"),
                () -> churn(z, 3, 0));
        List<RecordedEvent> allocs = Recorder.of(ev, Names.ITEM_ALLOCATION, "item-stacks");
        assertEquals(3, allocs.size());
        List<RecordedFrame> frames = allocs.get(0).getStackTrace().getFrames();
        assertTrue(frames.stream().anyMatch(f -> f.getMethod().getName().equals("churn")), frames.toString());
    }

    @Test
    void offByDefault() throws Exception {
        Zone<Buf> z = Zone.builder("item-default", 128).build();
        try (jdk.jfr.Recording r = new jdk.jfr.Recording()) {
            r.enable(Names.SLAB_GROW); // an unrelated uma4j event on, item events left at their defaults
            r.start();
            churn(z, 10, 0);
            r.stop();
            java.nio.file.Path f = java.nio.file.Files.createTempFile("uma4j-default-", ".jfr");
            r.dump(f);
            List<RecordedEvent> ev = jdk.jfr.consumer.RecordingFile.readAllEvents(f);
            java.nio.file.Files.delete(f);
            assertEquals(List.of(), Recorder.of(ev, Names.ITEM_ALLOCATION));
            assertEquals(List.of(), Recorder.of(ev, Names.ITEM_FREE));
            assertFalse(Recorder.of(ev, Names.SLAB_GROW, "item-default").isEmpty());
        }
    }

    @Test
    void sampleSettingParsesAndCombinesToTheSmallestN() {
        SampleSetting s = new SampleSetting();
        assertEquals("1", s.getValue());
        assertEquals("5", s.combine(java.util.Set.of("5", "20", "junk")));
        assertEquals("1", s.combine(java.util.Set.of()));
        s.setValue("-3");
        assertEquals("1", s.getValue());
        s.setValue("4");
        int taken = 0;
        for (int i = 0; i < 40; i++) {
            taken += s.take() ? 1 : 0;
        }
        assertEquals(10, taken);
    }
}
