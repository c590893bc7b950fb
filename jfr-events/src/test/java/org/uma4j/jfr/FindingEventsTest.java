package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;
import org.uma4j.dbg.DebugConfig;
import org.uma4j.dbg.Finding;
import org.uma4j.dbg.FindingKind;
import org.uma4j.dbg.Findings;
import org.uma4j.dbg.Level;
import org.uma4j.dbg.UmaDbg;

/** uma-dbg findings as JFR events: on by default, one type per kind, silent on a clean run. */
class FindingEventsTest {

    @BeforeAll
    static void install() {
        assertTrue(UmaJfr.install());
    }

    @AfterAll
    static void uninstall() {
        UmaJfr.uninstall();
    }

    @Test
    void aDuplicateFreeIsRecordedWithTheFreeingStack() throws Exception {
        UmaDbg dbg = UmaDbg.create(DebugConfig.of(Level.BASIC));
        Zone<Buf> z = dbg.configure(Zone.builder("finding-dup", 128)).build();
        int alloc = dbg.sites().register("com.example.Codec", "read", "Codec.java", 42);
        int free = dbg.sites().register("com.example.Codec", "close", "Codec.java", 57);
        List<RecordedEvent> ev = Recorder.record(Map.of(Names.DUPLICATE_FREE + "#stackTrace", "true"), () -> {
            Buf b = z.alloc(Zone.NOWAIT, alloc);
            z.free(b, free);
            freeAgain(z, b);
        });
        List<RecordedEvent> dup = Recorder.of(ev, Names.DUPLICATE_FREE, "finding-dup");
        assertEquals(1, dup.size(), dup.toString());
        RecordedEvent e = dup.get(0);
        assertEquals("DUPLICATE_FREE", e.getString("kind"));
        assertEquals("com.example.Codec.read(Codec.java:42)", e.getString("allocationSite"));
        assertEquals("com.example.Codec.close(Codec.java:57)", e.getString("freeSite"), "the first free");
        assertTrue(e.getInt("slab") >= 1);
        assertTrue(e.getString("message").startsWith("uma4j: duplicate free of item"), e.getString("message"));
        assertTrue(e.getStackTrace().getFrames().stream().anyMatch(f -> f.getMethod().getName().equals("freeAgain")));
    }

    private static void freeAgain(Zone<Buf> z, Buf b) {
        z.free(b);
    }

    @Test
    void aCleanRunRecordsNoFinding() throws Exception {
        UmaDbg dbg = UmaDbg.create(DebugConfig.of(Level.BASIC));
        Zone<Buf> z = dbg.configure(Zone.builder("finding-clean", 128)).build();
        List<RecordedEvent> ev = Recorder.record(Map.of(), () -> {
            for (int i = 0; i < 100; i++) {
                Buf b = z.alloc(Zone.NOWAIT);
                b.writeByte(1);
                z.free(b);
            }
        });
        for (String f : Names.FINDINGS) {
            assertEquals(List.of(), Recorder.of(ev, f), f);
        }
        assertEquals(100, Recorder.of(ev, Names.ITEM_ALLOCATION, "finding-clean").size(), "the run did happen");
    }

    @Test
    void everyKindMapsToItsOwnEventType() throws Exception {
        List<RecordedEvent> ev = Recorder.record(Map.of(), () -> {
            for (FindingKind k : FindingKind.values()) {
                Findings.global().report(Finding.builder(k).zone("kind-" + k).item(k.ordinal(), 1).build());
            }
        });
        assertEquals(FindingKind.values().length, Names.FINDINGS.size());
        for (FindingKind k : FindingKind.values()) {
            List<RecordedEvent> got = Recorder.of(ev, Names.FINDINGS.get(k.ordinal()), "kind-" + k);
            assertEquals(1, got.size(), k + " -> " + Names.FINDINGS.get(k.ordinal()));
            assertEquals(k.name(), got.get(0).getString("kind"));
            assertEquals(k.ordinal(), got.get(0).getInt("index"));
        }
    }

    @Test
    void findingsAreOnWithoutBeingNamedInTheRecording() throws Exception {
        Path f = Files.createTempFile("uma4j-findings-", ".jfr");
        try (Recording r = new Recording()) { // no enable(): the events' defaults apply
            r.start();
            Findings.global().report(Finding.builder(FindingKind.LEAK).zone("default-on").build());
            r.stop();
            r.dump(f);
            List<RecordedEvent> ev = RecordingFile.readAllEvents(f);
            assertEquals(1, Recorder.of(ev, Names.LEAK, "default-on").size());
        } finally {
            Files.delete(f);
        }
    }
}
